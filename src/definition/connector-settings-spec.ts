/**
 * What each connector type reads from its `config`: the keys, the kind of
 * value each takes, which are required and which are secrets. Apply checks a
 * Connector document against it (connector-config-check.ts) and the web app
 * builds its connector form from it (GET /api/v1/connector-types), so the form
 * offers what apply accepts.
 */
import type { ConnectorType } from './schema.ts';

/**
 * The kind of value a setting takes:
 * - `text`, `url`, `secret`: a string, which may name a variable (`{{ env.NAME }}`); a
 *   literal under a secret is sealed on apply and never answered back;
 * - `secret_list`: a list of such secret strings (a Stripe account's webhook signing secrets);
 * - `port`: an integer 1–65535; `number`: a number ≥ 0; `boolean`;
 * - `headers`: an object of header names to string values.
 */
export const SETTING_KINDS = ['text', 'url', 'secret', 'secret_list', 'port', 'number', 'boolean', 'headers'] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

export interface ConnectorSettingSpec {
  key: string;
  /** A name for people, e.g. "Secret key". */
  label: string;
  description: string;
  kind: SettingKind;
  required: boolean;
  /** An example value, shown as the input's placeholder. */
  example?: string;
}

export interface ConnectorTypeSpec {
  type: ConnectorType;
  title: string;
  description: string;
  settings: readonly ConnectorSettingSpec[];
}

/** Every connector type with its settings, in the order people pick them. */
export const CONNECTOR_TYPE_SPECS: readonly ConnectorTypeSpec[] = [
  {
    type: 'stripe',
    title: 'Stripe account',
    description: 'Calls the Stripe API (refunds, customers, …) and receives its events.',
    settings: [
      { key: 'secret_key', label: 'Secret key', description: 'A secret or restricted key (sk_test_…, sk_live_…, rk_…), or `{{ env.NAME }}` naming the variable that holds it.', kind: 'secret', required: true, example: 'sk_test_… or {{ env.STRIPE_SECRET_KEY }}' },
      { key: 'webhook_secrets', label: 'Webhook signing secrets', description: 'The whsec_… secrets of the Stripe endpoints that send this account’s events.', kind: 'secret_list', required: false, example: 'whsec_…' },
      { key: 'api_version', label: 'API version', description: 'The Stripe API version to call; left out: the SDK’s.', kind: 'text', required: false, example: '2026-10-28.endive' },
      { key: 'api_base', label: 'API base URL', description: 'Where the API lives when not api.stripe.com (an origin without a path), e.g. a sandbox.', kind: 'url', required: false, example: 'http://127.0.0.1:12111' },
      { key: 'rate_limit', label: 'Rate limit (requests/s)', description: 'At most this many requests per second to the account; 0 for none. Left out: 80 live, 20 in test mode.', kind: 'number', required: false, example: '20' },
    ],
  },
  {
    type: 'smtp',
    title: 'SMTP server',
    description: 'Sends the emails of `email.send` steps and approval notices.',
    settings: [
      { key: 'host', label: 'Host', description: 'The SMTP server’s host name.', kind: 'text', required: true, example: 'smtp.example.com' },
      { key: 'port', label: 'Port', description: 'Left out: 465 with TLS, else 587.', kind: 'port', required: false, example: '587' },
      { key: 'secure', label: 'TLS from the start', description: 'On: TLS from the first byte (usually port 465). Off: STARTTLS when the server offers it.', kind: 'boolean', required: false },
      { key: 'user', label: 'User', description: 'The user name to log in with, if the server wants one.', kind: 'text', required: false },
      { key: 'password', label: 'Password', description: 'The password, or `{{ env.NAME }}` naming the variable that holds it.', kind: 'secret', required: false, example: '{{ env.SMTP_PASSWORD }}' },
      { key: 'from', label: 'Sender', description: 'The From address of the emails.', kind: 'text', required: false, example: 'Payments <payments@example.com>' },
    ],
  },
  {
    type: 'http',
    title: 'HTTP API',
    description: 'Calls an HTTP API from `http.request` steps; its credentials are sent only under its base URL.',
    settings: [
      { key: 'base_url', label: 'Base URL', description: 'The API’s address; step URLs are read relative to it, and credentials are sent only there.', kind: 'url', required: false, example: 'https://api.example.com' },
      { key: 'bearer_token', label: 'Bearer token', description: 'Sent as `Authorization: Bearer …`, or `{{ env.NAME }}` naming the variable that holds it.', kind: 'secret', required: false },
      { key: 'headers', label: 'Headers', description: 'Headers sent with every call.', kind: 'headers', required: false },
    ],
  },
  {
    type: 'webhook',
    title: 'Webhook receiver',
    description: 'Posts signed JSON from `webhook.post` steps (a Slack or Teams webhook, your own service); with no URL, messages stay in the local inbox.',
    settings: [
      { key: 'url', label: 'URL', description: 'Where to post; left out: messages are kept in the webhook inbox.', kind: 'url', required: false, example: 'https://hooks.slack.com/services/…' },
      { key: 'secret', label: 'Signing secret', description: 'The secret deliveries are signed with (whsec_… or any string), or `{{ env.NAME }}`.', kind: 'secret', required: false },
      { key: 'headers', label: 'Headers', description: 'Headers sent with every delivery.', kind: 'headers', required: false },
    ],
  },
];

/** The settings of one connector type. */
export function connectorTypeSpec(type: ConnectorType): ConnectorTypeSpec {
  const spec = CONNECTOR_TYPE_SPECS.find((item) => item.type === type);
  if (spec === undefined) throw new Error(`no settings are described for the connector type ${type}`);
  return spec;
}
