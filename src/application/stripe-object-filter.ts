import { InvalidInputError } from '../core/errors.ts';
import { STRIPE_OBJECT_ID } from '../core/stripe-object-id.ts';

/** The id unchanged, or a clear refusal naming where it came from. */
export function checkedObjectId(id: string, path: string): string {
  if (!STRIPE_OBJECT_ID.test(id)) {
    throw new InvalidInputError('request_invalid', `"${id}" is not a Stripe object id; give one such as pi_3Nx..., ch_..., in_... or cus_... (letters, digits and "_")`, [], { path });
  }
  return id;
}
