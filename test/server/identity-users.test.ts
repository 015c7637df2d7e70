import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syncTeamUsers } from '../../src/identity/team-users.ts';
import { openApiDocument } from '../../src/server/openapi.ts';
import { identityRoutes } from '../../src/server/routes/identity-routes.ts';
import type { UserBody } from '../../src/server/identity-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';
import { bearer, PASSWORD, userWithKey } from './identity-fixtures.ts';

const TEAM = `
kind: Team
id: finance
members:
  - { email: Fin@Example.com, name: Fin, role: editor }
  - { email: csm@example.com }
`;

test('an admin creates, lists and changes users; emails are lowercase and unique; a non-admin may not', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const as = (key: string) => (method: 'GET' | 'POST', url: string, payload?: object) =>
      api.call<{ user: UserBody; users: UserBody[] } & ErrorBody>({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
    const asAdmin = as(admin.key);

    const created = await asAdmin('POST', '/api/v1/users', { email: 'New.Person@Example.com', name: 'New', roles: ['requester'], password: PASSWORD });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.user.email, 'new.person@example.com');
    assert.equal(created.body.user.has_password, true);
    assert.ok(!created.text.includes('scrypt'), 'no password hash in answers');
    assert.equal((await asAdmin('POST', '/api/v1/users', { email: 'new.person@example.com', roles: ['viewer'] })).body.error.code, 'user_exists');
    assert.equal((await asAdmin('POST', '/api/v1/users', { email: 'x@example.com', roles: [] })).status, 400);

    const updated = await asAdmin('POST', `/api/v1/users/${created.body.user.id}`, { roles: ['approver', 'requester'] });
    assert.deepEqual(updated.body.user.roles, ['approver', 'requester']);
    const login = await api.post('/api/v1/auth/login', { email: 'new.person@example.com', password: PASSWORD });
    assert.equal(login.status, 200);

    const refused = await as(editor.key)('GET', '/api/v1/users');
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /"identity\.admin"/);
  } finally {
    await api.close();
  }
});

test('the last enabled admin cannot be disabled or lose the role', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const change = (payload: object) => api.call<ErrorBody>({ method: 'POST', url: '/api/v1/users/admin@example.com', headers: bearer(admin.key), payload });
    assert.equal((await change({ disabled: true })).body.error.code, 'last_admin');
    assert.equal((await change({ roles: ['editor'] })).status, 409);
    await userWithKey(api.t.system.app, 'second@example.com', ['admin']);
    assert.equal((await change({ roles: ['editor'] })).status, 200);
  } finally {
    await api.close();
  }
});

test('Team members become users when the Team is applied, with their document role or approver', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TEAM);
    const listed = await api.get<{ users: UserBody[] }>('/api/v1/users');
    assert.deepEqual(
      listed.body.users.map((user) => [user.email, user.roles, user.teams, user.has_password]),
      [
        ['csm@example.com', ['approver'], ['finance'], false],
        ['fin@example.com', ['editor'], ['finance'], false],
      ],
    );

    const { identity } = api.t.system.app;
    const created = await syncTeamUsers(identity, { members: [{ email: 'Lead@Example.com', name: 'Lead', role: 'editor' }, { email: 'fin@example.com', role: 'admin' }] });
    assert.deepEqual(created, ['lead@example.com'], 'existing users are left as they are');
    assert.deepEqual((await identity.store.getUserByEmail('lead@example.com'))?.roles, ['editor']);
    assert.deepEqual((await identity.store.getUserByEmail('fin@example.com'))?.roles, ['editor']);
  } finally {
    await api.close();
  }
});

test('the identity routes are in the OpenAPI document; login and logout need no credentials', async () => {
  const api = await startApi();
  try {
    const document = openApiDocument(identityRoutes(api.t.system.app).map((route) => route.doc)) as { paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>> };
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/api/v1/api-keys',
      '/api/v1/api-keys/{id}/revoke',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/auth/password',
      '/api/v1/users',
      '/api/v1/users/{user}',
      '/api/v1/users/{user}/unlock',
    ]);
    assert.deepEqual(document.paths['/api/v1/auth/login']!.post!.security, []);
    assert.equal(document.paths['/api/v1/users']!.get!.security, undefined, 'the document-wide bearer auth applies');
    assert.ok(document.paths['/api/v1/users']!.get!.responses['403']);
  } finally {
    await api.close();
  }
});
