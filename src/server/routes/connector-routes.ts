import type { AppContext } from '../../application/app-context.ts';
import { listConnectorSettings, setConnectorVariable, type ConnectorSettings } from '../../application/connector-settings.ts';
import { stripeWebhookEndpoints } from '../../application/stripe-webhook-endpoints.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { connectorListResponseSchema, connectorParams, connectorResponseSchema, connectorVariableBody, type ConnectorBody } from '../connector-schemas.ts';

/** Connectors and where their variables come from; an admin sets a variable write-only. */
export function connectorRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/connectors',
      operationId: 'listConnectors',
      summary: 'List connectors with the variables their config reads and where each comes from (never the values)',
      tag: 'definitions',
      permission: 'workflows.read',
      status: 200,
      response: { description: 'Every applied connector, by id, and where Stripe delivers events', schema: connectorListResponseSchema },
      async handle() {
        const [connectors, stripeWebhooks] = await Promise.all([listConnectorSettings(app), stripeWebhookEndpoints(app)]);
        return {
          connectors: connectors.map(serializeConnector),
          stripe_webhooks: stripeWebhooks.map((endpoint) => ({ connector: endpoint.connector, path: endpoint.path, url: endpoint.url, built_in: endpoint.builtIn, events: endpoint.events })),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/connectors/:id/variables',
      operationId: 'setConnectorVariable',
      summary: 'Set a variable a connector reads (`{{ env.NAME }}`), write-only',
      description:
        'The value is sealed with AES-256-GCM (key: TOLLGATE_SECRET_KEY or the data directory\'s secret.key) and read by the connector from its next call, unless the environment sets the variable, which wins. No answer ever holds the value.',
      tag: 'definitions',
      permission: 'identity.admin',
      params: connectorParams,
      body: connectorVariableBody,
      status: 200,
      response: { description: 'The connector, with the variable now stored', schema: connectorResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        return { connector: serializeConnector(await setConnectorVariable(app, { connector: params.id, name: body.name, value: body.value, caller: request.caller })) };
      },
    }),
  ];
}

function serializeConnector(connector: ConnectorSettings): ConnectorBody {
  return {
    id: connector.id,
    type: connector.type,
    title: connector.title,
    ready: connector.ready,
    settings: connector.settings.map((setting) => ({
      key: setting.key,
      value: setting.value,
      variables: setting.variables.map((variable) => ({
        name: variable.name,
        source: variable.source,
        stored: variable.stored,
        stored_at: variable.storedAt?.toISOString() ?? null,
        stored_by: variable.storedBy,
      })),
    })),
  };
}
