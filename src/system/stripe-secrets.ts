import { NotFoundError } from '../core/errors.ts';
import type { ConnectorResolver } from '../engine/operation.ts';

/**
 * The webhook signing secrets of a stripe connector, by name: `webhook_secrets`
 * (a list, for rotation) or `webhook_secret`, with `{{ env.X }}` resolved.
 */
export function stripeWebhookSecrets(resolver: ConnectorResolver): (connectorId: string) => Promise<string[]> {
  return async (connectorId) => {
    const connector = await resolver.resolve({ type: 'stripe', name: connectorId, optional: false }).catch((error: unknown) => {
      throw new NotFoundError('connector_not_found', `no stripe connector "${connectorId}" to receive events for: ${(error as Error).message}`, { path: 'connector' });
    });
    const config = connector?.config ?? {};
    const list = Array.isArray(config.webhook_secrets) ? config.webhook_secrets : [config.webhook_secret];
    const secrets = list.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
    if (secrets.length === 0) {
      throw new NotFoundError('webhook_secret_missing', `stripe connector "${connectorId}" has no webhook_secrets; add the endpoint's signing secret (whsec_...) to its config`, { path: 'connector' });
    }
    return secrets;
  };
}
