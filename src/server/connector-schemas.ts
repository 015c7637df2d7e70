/** Request and response schemas of the connector routes (/api/v1/connectors): never a variable's value. */
import { z } from 'zod';
import { ENV_NAME } from '../core/env-references.ts';

export const connectorParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A connector id, as its `Connector` document names it' }) });

export const connectorVariableBody = z
  .strictObject({
    name: z.string().regex(ENV_NAME, 'a variable name: letters, digits and _, not starting with a digit').meta({ description: 'The variable, as the config names it in `{{ env.NAME }}`' }),
    value: z.string().min(1).max(16_384).meta({ description: 'The value; stored sealed (AES-256-GCM) and never answered back' }),
  })
  .meta({ description: 'Set a connector variable (write-only); the environment still wins when it sets the variable' });

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

export type ConnectorBody = z.output<typeof connectorSchema>;
