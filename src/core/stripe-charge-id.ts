/** Charge and payment intent ids (`ch_…`, `py_…`, `pi_…`): what Stripe can say is refunded, disputed or reported as fraud. */
export const STRIPE_CHARGE_ID = /^(ch|py|pi)_[A-Za-z0-9_]+$/;
