import { InvalidInputError } from '../core/errors.ts';

/** A Stripe object id as a filter takes it: `pi_3Nx...`, `ch_...`, `in_...`, `cus_...` (letters, digits, `_`). */
export const STRIPE_OBJECT_ID = /^[A-Za-z0-9_]{1,255}$/;

/** The id unchanged, or a clear refusal naming where it came from. */
export function checkedObjectId(id: string, path: string): string {
  if (!STRIPE_OBJECT_ID.test(id)) {
    throw new InvalidInputError('request_invalid', `"${id}" is not a Stripe object id; give one such as pi_3Nx..., ch_..., in_... or cus_... (letters, digits and "_")`, [], { path });
  }
  return id;
}
