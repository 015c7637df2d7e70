/** A Stripe object id as the lookups take it (`pi_3Nx...`, `ch_...`, `in_...`, `cus_...`): letters, digits, `_`. */
export const STRIPE_OBJECT_ID = /^[A-Za-z0-9_]{1,255}$/;
