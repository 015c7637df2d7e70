import { STRIPE_OBJECT_ID } from '../../../../src/core/stripe-object-id.ts';
import { asApiError } from '../../api/api-error.ts';

/**
 * Why `id` cannot be a Stripe object id, in words, or undefined when it can: the server's own rule, checked
 * here first so a mistyped id is answered at once, without a request.
 */
export function objectIdProblem(id: string): string | undefined {
  if (STRIPE_OBJECT_ID.test(id)) return undefined;
  if (id.length > 255) return `That id is ${id.length} characters long; a Stripe object id has at most 255.`;
  return `"${id}" is not a Stripe object id: use only letters, digits and "_", as in pi_3Nx…, ch_… or cus_…`;
}

/** The server's refusal of the `object` filter `object` (a 400 at `query.object`) in words, when that is what `error` is. */
export function objectRefusal(error: unknown, object: string | undefined): string | undefined {
  if (error === null || error === undefined || object === undefined) return undefined;
  const apiError = asApiError(error);
  const message = apiError.status === 400 ? apiError.issueAt('query.object') : undefined;
  return message === undefined ? undefined : `Tollgate refused "${object}": ${message}`;
}
