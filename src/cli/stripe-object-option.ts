import { InvalidArgumentError, Option } from 'commander';
import { STRIPE_OBJECT_ID } from '../core/stripe-object-id.ts';

/**
 * `--object <id>` of `events list` and `runs list`: a Stripe object id, checked before any request
 * so a typo is a usage error naming the flag (exit 2), like a bad `--limit`.
 * @example runs.command('list').addOption(stripeObjectOption('only runs started by an event about this Stripe object'))
 */
export function stripeObjectOption(description: string): Option {
  return new Option('--object <id>', description).argParser(parseStripeObjectId);
}

function parseStripeObjectId(value: string): string {
  if (!STRIPE_OBJECT_ID.test(value)) throw new InvalidArgumentError('give a Stripe object id such as pi_3Nx..., ch_..., in_... or cus_... (letters, digits and "_").');
  return value;
}
