/**
 * Stripe for `tollgate serve` and `tollgate worker`, which never start the
 * sandbox (its state is one process's file): the real API when
 * STRIPE_SECRET_KEY is set, else only the stripe Connectors applied to the
 * database. Both processes need the key: `serve` to check webhook signatures
 * and fetch thin events' objects, `worker` to run `stripe.*` steps.
 */
import { TollgateError } from '../core/errors.ts';
import type { ResolvedConnector } from '../engine/operation.ts';
import type { Config } from '../system/config.ts';
import { stripeApiSetup } from '../system/stripe-api-setup.ts';
import type { TollgateSystem } from '../system/tollgate-system.ts';

export interface DeployedStripe {
  /** The built-in `stripe` connector, when STRIPE_SECRET_KEY is set. */
  connector: ResolvedConnector | undefined;
  /** What the banner says of Stripe. */
  describe(): string;
}

/**
 * The built-in connector, if any. Polling with no key is refused here, before
 * anything starts: there would be no Events API to read.
 * @throws TollgateError `config_invalid` for TOLLGATE_STRIPE_EVENTS=poll without STRIPE_SECRET_KEY.
 */
export function deployedStripe(config: Config): DeployedStripe {
  const setup = stripeApiSetup(config);
  if (setup === undefined && config.stripeEvents === 'poll') {
    throw new TollgateError(
      'config_invalid',
      'TOLLGATE_STRIPE_EVENTS=poll reads the Stripe Events API, which needs STRIPE_SECRET_KEY: set it, or use webhook (the built-in sandbox runs only with `tollgate start`)',
    );
  }
  return { connector: setup?.connector, describe: () => setup?.describe() ?? '' };
}

/** The banner's `stripe` line: the API in use, the applied stripe Connectors, or that Stripe is not set up. */
export async function stripeBannerLine(system: TollgateSystem, stripe: DeployedStripe): Promise<string> {
  if (stripe.connector !== undefined) return `  stripe     ${stripe.describe()}`;
  const applied = (await system.store.listConnectors()).filter((connector) => connector.type === 'stripe').map((connector) => connector.id);
  if (applied.length > 0) return `  stripe     STRIPE_SECRET_KEY unset: only the applied connector${applied.length === 1 ? '' : 's'} ${applied.join(', ')}`;
  return '  stripe     none: STRIPE_SECRET_KEY is unset and no stripe Connector is applied, so stripe.* steps fail and Stripe webhooks are refused (the sandbox runs only with `tollgate start`)';
}
