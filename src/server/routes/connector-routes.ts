import type { AppContext } from '../../application/app-context.ts';
import { listConnectorSettings, setConnectorVariable, type ConnectorSettings } from '../../application/connector-settings.ts';
import { stripeWebhookEndpoints } from '../../application/stripe-webhook-endpoints.ts';
import type { ApplyReport } from '../../application/apply-definitions.ts';
import { createConnector, updateConnector } from '../../application/connector-edit.ts';
import { CONNECTOR_TYPE_SPECS } from '../../definition/connector-settings-spec.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  connectorChangeResponseSchema,
  connectorCreateBody,
  connectorListResponseSchema,
  connectorParams,
  connectorResponseSchema,
  connectorTypeListResponseSchema,
  connectorUpdateBody,
  connectorVariableBody,
  type ConnectorBody,
} from '../connector-schemas.ts';
import { warningsBody } from '../serializers.ts';

/**
 * Connectors and where their variables come from; an admin sets a variable
 * write-only. Making a connector or changing its settings applies its
 * `Connector` document.
 */
export function connectorRoutes(app: AppContext): ApiRoute[] {
  const changed = async (id: string, report: ApplyReport) => {
    const connector = (await listConnectorSettings(app)).find((item) => item.id === id);
    if (connector === undefined) throw new Error(`the connector ${id} was applied but is not listed`);
    const result = report.results.find((item) => item.kind === 'Connector' && item.id === id) ?? { kind: 'Connector' as const, id, action: 'unchanged' as const };
    return { connector: serializeConnector(connector), result, ...warningsBody(report.warnings) };
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/connector-types',
      operationId: 'listConnectorTypes',
      summary: 'List the connector types and the settings each reads from its config',
      description: 'What apply checks a `Connector` document’s config against: a required setting must be there and each value must have its kind; a key the type does not read is a warning.',
      tag: 'definitions',
      permission: 'workflows.read',
      status: 200,
      response: { description: 'Every connector type', schema: connectorTypeListResponseSchema },
      handle() {
        return Promise.resolve({
          types: CONNECTOR_TYPE_SPECS.map((spec) => ({
            type: spec.type,
            title: spec.title,
            description: spec.description,
            settings: spec.settings.map((setting) => ({ ...setting, secret: setting.kind === 'secret' || setting.kind === 'secret_list', example: setting.example ?? null })),
          })),
        });
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/connectors',
      operationId: 'createConnector',
      summary: 'Make a connector',
      description:
        'Applies a `Connector` document, as `apply` would: its config is checked against its type (GET /api/v1/connector-types), a secret given as a value is sealed (AES-256-GCM) before anything is stored and the config keeps a `{{ secret.… }}` reference in its place, and a connector that would break an active workflow (a second one of a type its steps use without naming one) is refused at `body.type`. An id in use answers 409 `connector_exists`; a document apply refuses answers 400 `connector_invalid` with each issue at its `body` field. No answer holds a secret.',
      tag: 'definitions',
      permission: 'definitions.apply',
      idempotent: true,
      body: connectorCreateBody,
      status: 201,
      response: { description: 'The new connector', schema: connectorChangeResponseSchema },
      errors: [409],
      async handle({ body, request }) {
        return changed(body.id, await createConnector(app, { ...body, caller: request.caller }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/connectors/:id',
      operationId: 'updateConnector',
      summary: "Change a connector's title or settings",
      description:
        "Re-applies the connector's `Connector` document with the settings given (null removes one) and the others as they are, secrets too; its type stays. The same checks as `createConnector` answer a change apply refuses (400 `connector_invalid`, at the `body` field).",
      tag: 'definitions',
      permission: 'definitions.apply',
      params: connectorParams,
      body: connectorUpdateBody,
      status: 200,
      response: { description: 'The connector, changed', schema: connectorChangeResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        return changed(params.id, await updateConnector(app, { id: params.id, title: body.title, config: body.config, caller: request.caller }));
      },
    }),
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
