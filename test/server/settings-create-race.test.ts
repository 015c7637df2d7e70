import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

// A create from settings looks for its id, then applies. Another caller can
// make the same id in between; these tests make the look miss (as it does in
// that race) and check the create is refused at the write, writing nothing.

interface Answer extends ErrorBody {
  result?: { action: string };
}

async function post(api: ApiHarness, key: string, url: string, payload: object) {
  return api.call<Answer>({ method: 'POST', url, headers: bearer(key), payload });
}

async function auditOf(api: ApiHarness, type: string, id: string): Promise<string[]> {
  const entries = await api.t.system.store.audit.entriesAfter(0, 1000);
  return entries.filter((entry) => entry.target.type === type && entry.target.id === id).map((entry) => entry.action);
}

test('a team made by another caller between the look and the write: the create is a 409 and the first team stays as it was', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const first = await post(api, admin.key, '/api/v1/teams', { id: 'finance', title: 'Finance', members: [{ email: 'fran@example.com' }] });
    assert.equal(first.status, 201, first.text);

    const store = api.t.system.store;
    store.getTeam = () => Promise.resolve(undefined);
    const second = await post(api, admin.key, '/api/v1/teams', { id: 'finance', title: 'Finance (second)', members: [{ email: 'sam@example.com' }] });
    assert.equal(second.status, 409, second.text);
    assert.equal(second.body.error.code, 'team_exists');
    assert.equal(second.body.error.path, 'body.id');
    assert.match(second.body.error.message, /made meanwhile/);

    const team = (await store.listTeams()).find((item) => item.id === 'finance');
    assert.equal(team?.title, 'Finance', 'the first create is not updated by the second');
    assert.deepEqual(team?.members.map((member) => member.email), ['fran@example.com']);
    assert.deepEqual(await auditOf(api, 'team', 'finance'), ['definition.applied'], 'the refused create leaves no entry');
  } finally {
    await api.close();
  }
});

test("a connector made by another caller meanwhile: the create is a 409 and seals nothing over the first connector's secret", async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const mail = (password: string) => ({ id: 'mail', type: 'smtp', config: { host: 'smtp.example.com', user: 'tollgate', password } });
    const first = await post(api, admin.key, '/api/v1/connectors', mail('first-password-1234'));
    assert.equal(first.status, 201, first.text);

    const store = api.t.system.store;
    store.listConnectors = () => Promise.resolve([]);
    const second = await post(api, admin.key, '/api/v1/connectors', mail('second-password-5678'));
    assert.equal(second.status, 409, second.text);
    assert.equal(second.body.error.code, 'connector_exists');
    assert.equal(second.body.error.path, 'body.id');

    const sealed = await api.t.system.app.connectorVariables?.valuesOf('mail');
    assert.equal(sealed?.get('config.password'), 'first-password-1234', "the first connector's secret stays");
    const secretAudit = (await auditOf(api, 'connector', 'mail')).filter((action) => action === 'connector.secret_set');
    assert.equal(secretAudit.length, 1, 'only the first create sealed a secret');
  } finally {
    await api.close();
  }
});

test('a service made by another caller meanwhile: the create is a 409 and the first service stays as it was', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const first = await post(api, admin.key, '/api/v1/services', { id: 'billing-ops', title: 'Billing operations', offerings: [] });
    assert.equal(first.status, 201, first.text);
    const store = api.t.system.store;
    store.listServices = () => Promise.resolve([]);
    const second = await post(api, admin.key, '/api/v1/services', { id: 'billing-ops', title: 'Billing (second)', offerings: [] });
    assert.equal(second.status, 409, second.text);
    assert.deepEqual([second.body.error.code, second.body.error.path], ['service_exists', 'body.id']);
    const db = inspectDatabase(store);
    assert.equal((await db.selectFrom('services').select('title').where('id', '=', 'billing-ops').executeTakeFirst())?.title, 'Billing operations');
  } finally {
    await api.close();
  }
});

test('a store write that must create writes nothing, audit included, when its id exists', async () => {
  const api = await startApi({ auth: 'off' });
  try {
    const store = api.t.system.store;
    const now = new Date();
    const audit = { actor: { type: 'system', id: 'test' }, action: 'definition.applied', target: { type: 'service', id: 'ops' }, detail: {}, at: now } as const;
    assert.equal(await store.upsertService({ id: 'ops', title: 'Ops', description: null, offerings: [], now, ifAbsent: true, audit }), true);
    assert.equal(await store.upsertService({ id: 'ops', title: 'Ops (again)', description: null, offerings: [], now, ifAbsent: true, audit }), false);
    assert.equal((await store.listServices()).find((service) => service.id === 'ops')?.title, 'Ops');
    assert.deepEqual(await auditOf(api, 'service', 'ops'), ['definition.applied']);
    assert.equal(await store.upsertService({ id: 'ops', title: 'Ops (changed)', description: null, offerings: [], now }), true, 'an upsert still updates');
    assert.equal((await store.listServices()).find((service) => service.id === 'ops')?.title, 'Ops (changed)');
  } finally {
    await api.close();
  }
});
