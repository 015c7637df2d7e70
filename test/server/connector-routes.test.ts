import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectorBody } from '../../src/server/connector-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { signWebhookPayload } from '../../src/sandbox/webhook-signature.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

const CONNECTOR = `
kind: Connector
id: notifications
type: webhook
title: Notifications
config:
  url: "{{ env.NOTIFY_WEBHOOK_URL }}"
  secret: "{{ env.NOTIFY_WEBHOOK_SECRET }}"
`;
const SECRET = 'whsec_settings_test_0123456789';

interface ConnectorsAnswer extends ErrorBody {
  connectors: ConnectorBody[];
  connector: ConnectorBody;
}

test('connectors list where their variables come from; an admin stores one write-only and the connector reads it', async () => {
  const api = await startApi({ auth: 'required', env: { NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/tollgate' } });
  try {
    await api.t.apply(CONNECTOR);
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const call = (key: string, method: 'GET' | 'POST', url: string, payload?: object) => api.call<ConnectorsAnswer>({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

    const before = await call(viewer.key, 'GET', '/api/v1/connectors');
    assert.equal(before.status, 200, before.text);
    const listed = before.body.connectors[0];
    assert.equal(listed?.id, 'notifications');
    assert.equal(listed.ready, false);
    assert.deepEqual(
      listed.settings.map((setting) => [setting.key, setting.value, setting.variables.map((variable) => `${variable.name}:${variable.source}`)]),
      [
        ['url', '{{ env.NOTIFY_WEBHOOK_URL }}', ['NOTIFY_WEBHOOK_URL:environment']],
        ['secret', '{{ env.NOTIFY_WEBHOOK_SECRET }}', ['NOTIFY_WEBHOOK_SECRET:unset']],
      ],
    );

    const set = await call(admin.key, 'POST', '/api/v1/connectors/notifications/variables', { name: 'NOTIFY_WEBHOOK_SECRET', value: SECRET });
    assert.equal(set.status, 200, set.text);
    const secret = set.body.connector.settings.find((setting) => setting.key === 'secret')?.variables[0];
    assert.equal(secret?.source, 'stored');
    assert.equal(secret.stored_by, 'admin@example.com');
    assert.equal(set.body.connector.ready, true);

    // The value is answered by nothing, and the database holds it sealed.
    const answers = [set, await call(admin.key, 'GET', '/api/v1/connectors'), await call(admin.key, 'GET', '/api/v1/export'), await call(admin.key, 'GET', '/api/v1/openapi.json')];
    for (const answer of answers) assert.ok(!answer.text.includes(SECRET) && !answer.text.includes('settings_test'), `no answer holds the value (${answer.text.slice(0, 80)})`);
    const rows = await inspectDatabase(api.t.system.store).selectFrom('connector_secrets').selectAll().execute();
    assert.equal(rows.length, 1);
    assert.ok(/^v2:[0-9a-f]{8}:/.test(rows[0]?.sealed ?? '') && !rows[0]?.sealed.includes('settings_test'));

    const resolved = await api.t.system.engine.connectors.resolve({ type: 'webhook', name: 'notifications', optional: false });
    assert.deepEqual(resolved?.config, { url: 'https://hooks.example.com/tollgate', secret: SECRET }, 'the connector reads the stored value');

    // The environment wins over a stored value.
    assert.equal((await call(admin.key, 'POST', '/api/v1/connectors/notifications/variables', { name: 'NOTIFY_WEBHOOK_URL', value: 'https://other.example.com' })).status, 200);
    const shadowed = (await call(admin.key, 'GET', '/api/v1/connectors')).body.connectors[0]?.settings[0]?.variables[0];
    assert.deepEqual([shadowed?.source, shadowed?.stored], ['environment', true]);
    assert.equal((await api.t.system.engine.connectors.resolve({ type: 'webhook', name: 'notifications', optional: false }))?.config.url, 'https://hooks.example.com/tollgate');
  } finally {
    await api.close();
  }
});

test('setting a connector variable: admin only; unknown connector 404, a variable its config does not read 400, no value 400', async () => {
  const api = await startApi({ auth: 'required', env: {} });
  try {
    await api.t.apply(CONNECTOR);
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const post = (key: string, url: string, payload: object) => api.call<ConnectorsAnswer>({ method: 'POST', url, headers: bearer(key), payload });

    assert.equal((await post(editor.key, '/api/v1/connectors/notifications/variables', { name: 'NOTIFY_WEBHOOK_SECRET', value: 'x' })).status, 403);
    const missing = await post(admin.key, '/api/v1/connectors/nope/variables', { name: 'NOTIFY_WEBHOOK_SECRET', value: 'x' });
    assert.equal(missing.status, 404);
    assert.match(missing.body.error.message, /known connectors: notifications/);
    const unknown = await post(admin.key, '/api/v1/connectors/notifications/variables', { name: 'PATH', value: 'x' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'connector_variable_unknown');
    assert.match(unknown.body.error.message, /NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET/);
    const empty = await post(admin.key, '/api/v1/connectors/notifications/variables', { name: 'NOTIFY_WEBHOOK_SECRET', value: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.path, 'body.value');
  } finally {
    await api.close();
  }
});

test("the connectors list says where Stripe delivers each stripe connector's events, and a delivery signed for it is taken there", async () => {
  const builtInSecret = 'whsec_built_in_endpoint_test';
  const api = await startApi({ builtInConnectors: [{ id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_built_in_endpoint', webhook_secrets: [builtInSecret] } }] });
  try {
    type Endpoints = { stripe_webhooks: { connector: string; path: string; url: string | null; built_in: boolean; events: string }[] };
    const endpoints = async () => {
      const answer = await api.get<Endpoints>('/api/v1/connectors');
      assert.equal(answer.status, 200, answer.text);
      assert.ok(!answer.text.includes('built_in_endpoint'), 'no secret of the built-in connector is answered');
      return answer.body.stripe_webhooks;
    };
    assert.deepEqual(await endpoints(), [{ connector: 'stripe', path: '/webhooks/stripe/stripe', url: null, built_in: true, events: 'webhook' }], 'no public URL is set: the web app uses its own address');

    await api.t.apply(`
kind: Connector
id: eu-account
type: stripe
config: { secret_key: "{{ env.EU_STRIPE_KEY }}", webhook_secrets: ["{{ env.EU_WEBHOOK_SECRET }}"] }
---
kind: Connector
id: notifications
type: webhook
config: { url: "https://hooks.example.com/tollgate" }
`);
    assert.deepEqual(
      (await endpoints()).map((endpoint) => [endpoint.connector, endpoint.path, endpoint.built_in]),
      [
        ['stripe', '/webhooks/stripe/stripe', true],
        ['eu-account', '/webhooks/stripe/eu-account', false],
      ],
      'the built-in one first, then the applied stripe connectors; no other type',
    );

    // The path is where the route is: a delivery signed with the built-in connector's secret is taken.
    const payload = JSON.stringify({ id: 'evt_endpoint_test', object: 'event', type: 'charge.refunded', created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'ch_endpoint', object: 'charge' } } });
    const path = (await endpoints())[0]?.path ?? '';
    const delivered = await api.call<{ received: boolean }>({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', 'stripe-signature': signWebhookPayload({ payload, secret: builtInSecret, timestamp: Math.floor(Date.now() / 1000) }) },
      payload,
    });
    assert.equal(delivered.status, 200, delivered.text);
    assert.equal(delivered.body.received, true);

    // An applied connector with the built-in one's id is the one resolved: the built-in one is no longer listed.
    await api.t.apply(`
kind: Connector
id: stripe
type: stripe
config: { secret_key: sk_test_applied, webhook_secrets: [whsec_applied] }
`);
    assert.deepEqual(
      (await endpoints()).map((endpoint) => [endpoint.connector, endpoint.built_in]),
      [
        ['eu-account', false],
        ['stripe', false],
      ],
    );
  } finally {
    await api.close();
  }
});

test("with TOLLGATE_PUBLIC_URL, each Stripe endpoint's URL is answered whole, on it", async () => {
  const api = await startApi({ publicUrl: 'https://tollgate.example.com', builtInConnectors: [{ id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_public_url', webhook_secrets: [] } }] });
  try {
    await api.t.apply(`
kind: Connector
id: eu-account
type: stripe
config: { secret_key: sk_test_eu, webhook_secrets: [whsec_eu] }
`);
    const answer = await api.get<{ stripe_webhooks: { connector: string; url: string | null }[] }>('/api/v1/connectors');
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(
      answer.body.stripe_webhooks.map((endpoint) => [endpoint.connector, endpoint.url]),
      [
        ['stripe', 'https://tollgate.example.com/webhooks/stripe/stripe'],
        ['eu-account', 'https://tollgate.example.com/webhooks/stripe/eu-account'],
      ],
    );
  } finally {
    await api.close();
  }
});

test('without a built-in Stripe connector, only applied ones are listed', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<{ stripe_webhooks: unknown[] }>('/api/v1/connectors');
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body.stripe_webhooks, []);
  } finally {
    await api.close();
  }
});
