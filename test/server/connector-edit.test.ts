import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectorBody } from '../../src/server/connector-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

interface ConnectorAnswer extends ErrorBody {
  connector: ConnectorBody;
  result: { kind: string; id: string; action: string };
  warnings?: { path: string; message: string }[];
  documents: { kind: string; id: string; title?: string; config?: Record<string, unknown> }[];
  types: { type: string; settings: { key: string; kind: string; required: boolean; secret: boolean }[] }[];
}

const PASSWORD = 'smtp-password-literal-8841';
const NEW_PASSWORD = 'smtp-password-rotated-2290';

async function callAs(api: ApiHarness, key: string, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  return api.call<ConnectorAnswer>({ method, url, headers: { ...bearer(key), ...headers }, ...(payload === undefined ? {} : { payload }) });
}

/** Everything a secret could leak through: the answers, and the tables a connector's config and audit land in. */
async function leaks(api: ApiHarness, key: string, secret: string): Promise<string[]> {
  const answers = await Promise.all(['/api/v1/connectors', '/api/v1/export', '/api/v1/audit?limit=200'].map((url) => callAs(api, key, 'GET', url)));
  const db = inspectDatabase(api.t.system.store);
  const rows = [JSON.stringify(await db.selectFrom('connectors').selectAll().execute()), JSON.stringify(await db.selectFrom('audit_entries').selectAll().execute())];
  return [...answers.map((answer) => answer.text), ...rows].filter((text) => text.includes(secret));
}

test('an admin makes an SMTP connector with its password typed in and changes its settings: applies that seal the secret, audit them and export them masked', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const types = await callAs(api, admin.key, 'GET', '/api/v1/connector-types');
    assert.equal(types.status, 200, types.text);
    assert.deepEqual(types.body.types.map((type) => type.type), ['stripe', 'smtp', 'http', 'webhook']);
    const smtp = types.body.types.find((type) => type.type === 'smtp');
    assert.deepEqual(smtp?.settings.filter((setting) => setting.required).map((setting) => setting.key), ['host']);
    assert.deepEqual(smtp?.settings.filter((setting) => setting.secret).map((setting) => setting.key), ['password']);

    const created = await callAs(api, admin.key, 'POST', '/api/v1/connectors', {
      id: 'mail',
      type: 'smtp',
      title: 'Company mail',
      config: { host: 'smtp.example.com', port: 587, user: 'tollgate', password: PASSWORD, from: 'Payments <payments@example.com>' },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.result.action, 'created');
    assert.equal(created.body.connector.title, 'Company mail');
    const password = () => api.t.system.store.listConnectors().then((all) => all.find((item) => item.id === 'mail')?.config.password);
    assert.equal(await password(), '{{ secret.password }}', 'the stored config names the sealed value');
    assert.deepEqual(await leaks(api, admin.key, PASSWORD), [], 'no answer nor row holds the password');
    assert.equal((await api.t.system.app.connectorVariables?.valuesOf('mail'))?.get('config.password'), PASSWORD, 'the sealed store opens to it');

    // A change leaves what it does not name as it is, the password too.
    const changed = await callAs(api, admin.key, 'POST', '/api/v1/connectors/mail', { title: null, config: { port: 465, secure: true, user: null } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.result.action, 'updated');
    assert.equal(changed.body.connector.title, null);
    assert.deepEqual(changed.body.connector.settings.map((setting) => setting.key), ['host', 'port', 'password', 'from', 'secure']);
    assert.equal(await password(), '{{ secret.password }}');
    const rotated = await callAs(api, admin.key, 'POST', '/api/v1/connectors/mail', { config: { password: NEW_PASSWORD } });
    assert.equal(rotated.body.result.action, 'updated', 'a new secret alone is a change');
    assert.equal((await api.t.system.app.connectorVariables?.valuesOf('mail'))?.get('config.password'), NEW_PASSWORD);
    assert.deepEqual(await leaks(api, admin.key, NEW_PASSWORD), []);

    const exported = await callAs(api, admin.key, 'GET', '/api/v1/export');
    assert.deepEqual(exported.body.documents.find((document) => document.kind === 'Connector' && document.id === 'mail'), {
      kind: 'Connector',
      id: 'mail',
      type: 'smtp',
      config: { host: 'smtp.example.com', port: 465, password: '{{ secret.password }}', from: 'Payments <payments@example.com>', secure: true },
    });
    // The trail: each config change, and each secret sealed (the rotation changed no config), by name only;
    // a create seals once its connector is made, so a create that loses a race seals nothing.
    const entries = (await api.t.system.store.audit.entriesAfter(0, 1000)).filter((entry) => entry.target.type === 'connector' && entry.target.id === 'mail' && entry.action !== 'definition.applied');
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.detail.change ?? entry.detail.name, entry.actor.id]),
      [
        ['connector.changed', 'created', 'admin@example.com'],
        ['connector.secret_set', 'config.password', 'admin@example.com'],
        ['connector.changed', 'updated', 'admin@example.com'],
        ['connector.secret_set', 'config.password', 'admin@example.com'],
      ],
    );
  } finally {
    await api.close();
  }
});

test('making or changing a connector: apply checks its settings against its type and answers at the body field; an id in use is a 409; a viewer or approver may not; a repeated key replays', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const approver = await userWithKey(api.t.system.app, 'approver@example.com', ['approver']);
    const slack = { id: 'slack', type: 'webhook', title: 'Slack #payments', config: { url: 'https://hooks.slack.example.com/services/T1/B2', secret: '{{ env.SLACK_SIGNING }}' } };

    const first = await callAs(api, editor.key, 'POST', '/api/v1/connectors', slack, { 'idempotency-key': 'slack-1' });
    assert.equal(first.status, 201, first.text);
    const replay = await callAs(api, editor.key, 'POST', '/api/v1/connectors', slack, { 'idempotency-key': 'slack-1' });
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const taken = await callAs(api, editor.key, 'POST', '/api/v1/connectors', { ...slack, type: 'http', config: {} });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'connector_exists');
    assert.equal(taken.body.error.path, 'body.id');

    const noHost = await callAs(api, editor.key, 'POST', '/api/v1/connectors', { id: 'mail', type: 'smtp', config: { port: 'abc' } });
    assert.equal(noHost.status, 400, noHost.text);
    assert.equal(noHost.body.error.code, 'connector_invalid');
    assert.deepEqual(noHost.body.error.issues?.map((issue) => issue.path), ['body.config.host', 'body.config.port']);
    assert.match(noHost.body.error.issues?.[0]?.message ?? '', /needs host: The SMTP server’s host name/);
    assert.match(noHost.body.error.issues?.[1]?.message ?? '', /port number from 1 to 65535/);
    const badUrl = await callAs(api, editor.key, 'POST', '/api/v1/connectors/slack', { config: { url: 'hooks.slack.example.com' } });
    assert.equal(badUrl.body.error.code, 'connector_invalid');
    assert.equal(badUrl.body.error.path, 'body.config.url');
    const badType = await callAs(api, editor.key, 'POST', '/api/v1/connectors', { id: 'sms', type: 'twilio', config: {} });
    assert.equal(badType.status, 400);
    assert.equal(badType.body.error.path, 'body.type');
    const badId = await callAs(api, editor.key, 'POST', '/api/v1/connectors', { id: '-stripe', type: 'stripe', config: { secret_key: 'sk_test_x' } });
    assert.equal(badId.body.error.path, 'body.id');
    assert.deepEqual((await api.t.system.store.listConnectors()).map((connector) => connector.id), ['slack'], 'nothing refused was applied');

    const typo = await callAs(api, editor.key, 'POST', '/api/v1/connectors', { id: 'partner', type: 'http', config: { base_url: 'https://partner.example.com', bearer_tokn: '{{ env.PARTNER_TOKEN }}' } });
    assert.equal(typo.status, 201, 'a key the type does not read is applied, with a warning');
    assert.match(typo.body.warnings?.[0]?.message ?? '', /does not read "bearer_tokn" \(did you mean "bearer_token"\?\)/);

    const unknown = await callAs(api, editor.key, 'POST', '/api/v1/connectors/nope', { title: 'Nope' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'connector_not_found');
    for (const key of [viewer.key, approver.key]) {
      assert.equal((await callAs(api, key, 'POST', '/api/v1/connectors', { id: 'other', type: 'webhook', config: {} })).status, 403);
      assert.equal((await callAs(api, key, 'POST', '/api/v1/connectors/slack', { title: 'Renamed' })).status, 403);
    }
    assert.equal((await api.t.system.store.listConnectors()).find((connector) => connector.id === 'slack')?.title, 'Slack #payments');
  } finally {
    await api.close();
  }
});

const REFUNDS = `
kind: Connector
id: stripe-eu
type: stripe
config: { secret_key: "{{ env.STRIPE_EU_KEY }}" }
---
kind: Workflow
id: refund-on-request
trigger: { type: manual, input: [{ key: charge, type: text, required: true }] }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}" }
`;

test('a connector change that would break an active workflow is refused at body.type: apply names the workflow and its step', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await api.t.apply(REFUNDS);
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const second = { id: 'stripe-us', type: 'stripe', title: 'Stripe (US)', config: { secret_key: 'sk_test_second_account_0001' } };
    const refused = await callAs(api, admin.key, 'POST', '/api/v1/connectors', second);
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.error.code, 'connector_invalid');
    assert.equal(refused.body.error.path, 'body.type');
    assert.match(refused.body.error.message, /active workflow "refund-on-request" \(version 1\) would break: steps\[0\]\.connector: several stripe connectors exist/);
    assert.equal((await api.t.system.store.listConnectors()).length, 1);
    assert.equal((await api.t.system.app.connectorVariables?.valuesOf('stripe-us'))?.size ?? 0, 0, 'a refused connector seals nothing');

    // Once the workflow names its connector, the second account is welcome.
    await api.t.apply(REFUNDS.replace('uses: stripe.refunds.create', 'uses: stripe.refunds.create\n    connector: stripe-eu'));
    const accepted = await callAs(api, admin.key, 'POST', '/api/v1/connectors', second);
    assert.equal(accepted.status, 201, accepted.text);

    // Through apply as well: a type change under a step that names the connector.
    const retyped = await api.call<ConnectorAnswer>({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(admin.key), 'content-type': 'application/yaml' }, payload: 'kind: Connector\nid: stripe-eu\ntype: http\nconfig: {}\n' });
    assert.equal(retyped.status, 400, retyped.text);
    assert.match(retyped.body.error.message, /Connector stripe-eu: type: the active workflow "refund-on-request" \(version 2\) would break: steps\[0\]\.connector: connector "stripe-eu" is a http connector/);
    assert.equal((await api.t.system.store.listConnectors()).find((connector) => connector.id === 'stripe-eu')?.type, 'stripe');
  } finally {
    await api.close();
  }
});
