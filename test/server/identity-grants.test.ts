import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiKeyBody, UserBody } from '../../src/server/identity-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

type Body = ErrorBody & { user: UserBody; api_key: ApiKeyBody; secret: string; results: unknown[] };

function as(api: ApiHarness, key: string) {
  return (method: 'GET' | 'POST', url: string, payload?: object | string) =>
    api.call<Body>({
      method,
      url,
      headers: { ...bearer(key), ...(typeof payload === 'string' ? { 'content-type': 'application/yaml' } : {}) },
      ...(payload === undefined ? {} : { payload }),
    });
}

const teamWith = (member: string) => `
kind: Team
id: ops
members:
  - ${member}
`;

test('an editor cannot make an admin (or any role beyond their own) by applying a Team; an admin can', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const { app } = api.t.system;
    const editor = as(api, (await userWithKey(app, 'editor@example.com', ['editor'])).key);
    const admin = as(api, (await userWithKey(app, 'admin@example.com', ['admin'])).key);

    const refused = await editor('POST', '/api/v1/apply', teamWith('{ email: mallory@example.com, role: admin }'));
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.error.code, 'grant_beyond_caller');
    assert.match(refused.body.error.message, /Team ops members\[0\]: the new user mallory@example\.com with the role admin: refused/);
    assert.match(refused.body.error.message, /identity\.admin/);
    assert.equal(await app.identity.store.getUserByEmail('mallory@example.com'), undefined, 'no user was made');
    assert.equal(await app.engine.store.getTeam('ops'), undefined, 'nothing of the batch was applied');

    const byDefault = await editor('POST', '/api/v1/apply', teamWith('{ email: newbie@example.com }'));
    assert.equal(byDefault.status, 403, 'the default approver role may decide approvals, which an editor may not');
    assert.match(byDefault.body.error.message, /approvals\.decide/);

    const ownLevel = await editor('POST', '/api/v1/apply', teamWith('{ email: helper@example.com, role: editor }'));
    assert.equal(ownLevel.status, 200, ownLevel.text);
    assert.deepEqual((await app.identity.store.getUserByEmail('helper@example.com'))?.roles, ['editor']);

    const existing = await editor('POST', '/api/v1/apply', teamWith('{ email: admin@example.com, role: admin }'));
    assert.equal(existing.status, 200, 'a member who is a user already gains nothing');

    const byAdmin = await admin('POST', '/api/v1/apply', teamWith('{ email: second-admin@example.com, role: admin }'));
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.deepEqual((await app.identity.store.getUserByEmail('second-admin@example.com'))?.roles, ['admin']);
  } finally {
    await api.close();
  }
});

test('a viewer cannot mint a key with admin scopes; a key can carry only what its maker holds', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const viewer = as(api, (await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer'])).key);
    for (const scopes of [['admin'], ['identity.admin'], ['viewer', 'definitions.apply']]) {
      const refused = await viewer('POST', '/api/v1/api-keys', { name: 'up', scopes });
      assert.equal(refused.status, 403, `${scopes.join(',')}: ${refused.text}`);
      assert.equal(refused.body.error.code, 'grant_beyond_caller');
      assert.equal(refused.body.error.path, 'scopes');
    }
    const refused = await viewer('POST', '/api/v1/api-keys', { name: 'up', scopes: ['admin'] });
    assert.match(refused.body.error.message, /an API key with the scope\(s\) admin: refused, as it would give .*identity\.admin/);
    assert.equal((await api.t.system.app.identity.store.listApiKeys()).length, 1, 'only the fixture key exists');

    const allowed = await viewer('POST', '/api/v1/api-keys', { name: 'ro', scopes: ['viewer'] });
    assert.equal(allowed.status, 201, allowed.text);
  } finally {
    await api.close();
  }
});

test('an admin acting through a narrowly scoped key cannot create or promote users beyond that key', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const { app } = api.t.system;
    const scoped = as(api, (await userWithKey(app, 'boss@example.com', ['admin'], { scopes: ['viewer', 'identity.admin'] })).key);

    const created = await scoped('POST', '/api/v1/users', { email: 'reader@example.com', roles: ['viewer'] });
    assert.equal(created.status, 201, created.text);

    const admin = await scoped('POST', '/api/v1/users', { email: 'root@example.com', roles: ['admin'] });
    assert.equal(admin.status, 403, admin.text);
    assert.equal(admin.body.error.code, 'grant_beyond_caller');
    assert.equal(admin.body.error.path, 'roles');
    assert.match(admin.body.error.message, /the role\(s\) admin for root@example\.com: refused/);
    assert.equal(await app.identity.store.getUserByEmail('root@example.com'), undefined);

    const promote = await scoped('POST', '/api/v1/users/reader@example.com', { roles: ['viewer', 'editor'] });
    assert.equal(promote.status, 403, promote.text);
    assert.match(promote.body.error.message, /the role\(s\) editor for reader@example\.com: refused, as it would give .*definitions\.apply/);
    assert.deepEqual((await app.identity.store.getUserByEmail('reader@example.com'))?.roles, ['viewer']);

    // Keeping roles one holds is no grant: renaming the admin itself passes.
    const renamed = await scoped('POST', '/api/v1/users/boss@example.com', { name: 'Boss', roles: ['admin'] });
    assert.equal(renamed.status, 200, renamed.text);
  } finally {
    await api.close();
  }
});
