/** Request and response schemas of the connector routes (/api/v1/connectors): never a variable's value. */
import { z } from 'zod';
import { ENV_NAME } from '../core/env-references.ts';
import { SETTING_KINDS } from '../definition/connector-settings-spec.ts';
import { CONNECTOR_TYPES } from '../definition/schema.ts';
import { idSchema } from '../definition/value-formats.ts';
import { applyResultSchema, issueSchema } from './response-schemas.ts';

export const connectorParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A connector id, as its `Connector` document names it' }) });

export const connectorVariableBody = z
  .strictObject({
    name: z.string().regex(ENV_NAME, 'a variable name: letters, digits and _, not starting with a digit').meta({ description: 'The variable, as the config names it in `{{ env.NAME }}`' }),
    value: z.string().min(1).max(16_384).meta({ description: 'The value; stored sealed (AES-256-GCM) and never answered back' }),
  })
  .meta({ description: 'Set a connector variable (write-only); the environment still wins when it sets the variable' });

const connectorTitle = z.string().trim().min(1).max(200).meta({ description: 'A name for people, e.g. `Stripe (EU account)`' });
const connectorConfig = z
  .record(z.string().min(1), z.unknown())
  .meta({ description: 'Settings by key, as GET /api/v1/connector-types describes each type’s; a secret may be the value itself (sealed before it is stored, never answered back) or `{{ env.NAME }}`' });

export const connectorCreateBody = z
  .strictObject({
    id: idSchema.meta({ description: 'The connector’s id, as action steps name it in `connector`; it cannot change later' }),
    type: z.enum(CONNECTOR_TYPES).meta({ description: 'The kind of connector' }),
    title: connectorTitle.optional(),
    config: connectorConfig.default({}),
  })
  .meta({ description: 'Make a connector: a `Connector` document is applied' });

export const connectorUpdateBody = z
  .strictObject({
    title: connectorTitle.nullable().optional().meta({ description: 'A name for people; null removes it' }),
    config: z
      .record(z.string().min(1), z.unknown())
      .optional()
      .meta({ description: 'The settings to change, by key: a value sets it, null removes it; a setting left out stays as it is (a secret too)' }),
  })
  .refine((body) => body.title !== undefined || body.config !== undefined, { message: 'give the title or the config settings to change' })
  .meta({ description: 'Change a connector’s title or settings: its `Connector` document is re-applied; its type stays' });

const settingSpecSchema = z.object({
  key: z.string().meta({ description: 'The config key, e.g. `secret_key`' }),
  label: z.string(),
  description: z.string(),
  kind: z.enum(SETTING_KINDS).meta({ description: 'The value it takes: `text`, `url`, `secret` (strings, which may be `{{ env.NAME }}`), `secret_list`, `port`, `number`, `boolean`, `headers` (an object of strings)' }),
  required: z.boolean(),
  secret: z.boolean().meta({ description: 'Its value is never answered back' }),
  example: z.string().nullable(),
});
export const connectorTypeListResponseSchema = z.object({
  types: z
    .array(z.object({ type: z.enum(CONNECTOR_TYPES), title: z.string(), description: z.string(), settings: z.array(settingSpecSchema) }))
    .meta({ description: 'Each connector type and the settings apply checks its config against' }),
});

const variableSchema = z.object({
  name: z.string(),
  source: z.enum(['environment', 'stored', 'unset']).meta({ description: 'Where the value comes from now: the environment wins over a stored value' }),
  stored: z.boolean().meta({ description: 'A value is stored through the API (it may be shadowed by the environment)' }),
  stored_at: z.iso.datetime().nullable(),
  stored_by: z.string().nullable().meta({ description: 'The email of who stored it' }),
});

export const connectorSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string().nullable(),
  settings: z
    .array(z.object({ key: z.string(), value: z.unknown().meta({ description: 'As written in the config; secrets masked, `{{ env.X }}` shown' }), variables: z.array(variableSchema) }))
    .meta({ description: 'Each config key and the variables it reads' }),
  ready: z.boolean().meta({ description: 'Every variable it reads is set' }),
});
export const stripeWebhookEndpointSchema = z.object({
  connector: z.string().meta({ description: 'The stripe connector whose events arrive there' }),
  path: z.string().meta({ description: "The endpoint's path: in Stripe's dashboard, give the server's public URL followed by it, e.g. `https://tollgate.example.com/webhooks/stripe/stripe`" }),
  url: z.string().nullable().meta({ description: 'The whole endpoint URL on the server\'s public URL (TOLLGATE_PUBLIC_URL), to give Stripe as it is; null when that is not set' }),
  built_in: z.boolean().meta({ description: 'The connector `tollgate start` builds in from STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (or the sandbox), not an applied Connector' }),
  events: z.enum(['webhook', 'poll']).meta({ description: 'How its events arrive: `poll` reads the Events API (TOLLGATE_STRIPE_EVENTS=poll) and needs no endpoint' }),
});

export const connectorListResponseSchema = z.object({
  connectors: z.array(connectorSchema).meta({ description: 'By id' }),
  stripe_webhooks: z.array(stripeWebhookEndpointSchema).meta({ description: 'Where Stripe delivers each stripe connector\'s events: the built-in connector first, then the applied ones' }),
});
export const connectorResponseSchema = z.object({ connector: connectorSchema });
export const connectorChangeResponseSchema = z.object({
  connector: connectorSchema,
  result: applyResultSchema.meta({ description: 'What applying the Connector document did' }),
  warnings: z.array(issueSchema).optional(),
});

export type ConnectorBody = z.output<typeof connectorSchema>;
