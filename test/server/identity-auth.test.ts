import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, TRIAGE_YAML } from './api-harness.ts';
import { sessionHeadersOf } from '../support/session-headers.ts';
import { bearer, cookieOf, PASSWORD, userWithKey } from './identity-fixtures.ts';

interface Me {
  user: { email: string; roles: string[] };
  via: string;
  permissions: string[];
}

test('with auth required, no credentials is 401 unauthenticated saying how to authenticate; public routes stay open', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const refused = await api.get<ErrorBody>('/api/v1/workflows');
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'unauthenticated');
    assert.match(refused.body.error.message, /Authorization: Bearer/);
    assert.match(refused.body.error.message, /log in/);
    const apply = await api.postYaml<ErrorBody>('/api/v1/apply', TRIAGE_YAML);
    assert.equal(apply.status, 401);
    assert.deepEqual(await api.t.system.store.listWorkflows(), [], 'nothing was applied');

    assert.equal((await api.get('/healthz')).status, 200);
    assert.equal((await api.get('/api/v1/schema/definition.json')).status, 200);
    assert.equal((await api.get<ErrorBody>('/api/v1/no-such-route')).body.error.code, 'route_not_found');

    for (const authorization of ['Bearer not-a-key', `Bearer tg_0123456789abcdef_${'A'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=']) {
      const answer = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/workflows', headers: { authorization } });
      assert.equal(answer.status, 401, authorization);
      assert.equal(answer.body.error.code, 'unauthenticated');
    }
    const badCookie = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/runs', headers: { cookie: 'tollgate_session=forged' } });
    assert.equal(badCookie.status, 401);
    assert.match(badCookie.body.error.message, /log in again/);
  } finally {
    await api.close();
  }
});

test('a viewer key reads but cannot apply (403 naming the permission and its roles); an editor key applies', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const apply = (key: string) => api.call<ErrorBody>({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(key), 'content-type': 'application/yaml' }, payload: TRIAGE_YAML });

    const refused = await apply(viewer.key);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'forbidden');
    assert.match(refused.body.error.message, /"definitions\.apply"/);
    assert.match(refused.body.error.message, /admin, editor/);
    assert.deepEqual(await api.t.system.store.listWorkflows(), []);

    const applied = await apply(editor.key);
    assert.equal(applied.status, 200, applied.text);
    const read = await api.call<{ workflows: { id: string }[] }>({ method: 'GET', url: '/api/v1/workflows', headers: bearer(viewer.key) });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.workflows.map((workflow) => workflow.id), ['triage']);

    const invoke = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/triage/runs', headers: bearer(viewer.key), payload: { input: { amount: 5 } } });
    assert.equal(invoke.status, 403);
    assert.match(invoke.body.error.message, /"runs\.operate"/);
  } finally {
    await api.close();
  }
});

test('a scoped key can do only what its scopes allow, even for an admin', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'root@example.com', ['admin'], { scopes: ['runs.read'] });
    assert.equal((await api.call({ method: 'GET', url: '/api/v1/runs', headers: bearer(admin.key) })).status, 200);
    const users = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/users', headers: bearer(admin.key) });
    assert.equal(users.status, 403);
    assert.match(users.body.error.message, /limited to the scopes runs\.read/);
  } finally {
    await api.close();
  }
});

test('login sets an HttpOnly SameSite=Lax session cookie that authenticates /auth/me; logout ends the session', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await userWithKey(api.t.system.app, 'Pat@Example.com', ['approver']);
    const wrong = await api.post<ErrorBody>('/api/v1/auth/login', { email: 'pat@example.com', password: 'not the password' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'login_failed');
    assert.equal(wrong.headers['set-cookie'], undefined);
    const unknown = await api.post<ErrorBody>('/api/v1/auth/login', { email: 'nobody@example.com', password: PASSWORD });
    assert.equal(unknown.body.error.message, wrong.body.error.message, 'an unknown email and a wrong password look the same');

    const login = await api.post<{ user: { email: string }; expires_at: string }>('/api/v1/auth/login', { email: 'PAT@example.com', password: PASSWORD });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.user.email, 'pat@example.com');
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /^tollgate_session=[A-Za-z0-9_%-]{40,}; /);
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Lax/);
    assert.match(setCookie, /; Max-Age=43200/);
    const cookie = cookieOf(login.headers['set-cookie']);

    const me = await api.call<Me>({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.user.email, 'pat@example.com');
    assert.deepEqual(me.body.user.roles, ['approver']);
    assert.equal(me.body.via, 'session');
    assert.ok(me.body.permissions.includes('approvals.decide'));
    assert.ok(!me.body.permissions.includes('definitions.apply'));

    const logout = await api.call<{ logged_out: boolean }>({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    assert.equal(logout.status, 200);
    assert.match(String(logout.headers['set-cookie']), /^tollgate_session=; .*Max-Age=0/);
    const after = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'unauthenticated');
  } finally {
    await api.close();
  }
});

test('changing one\'s password needs the current one and ends every session', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await userWithKey(api.t.system.app, 'pat@example.com', ['viewer']);
    const login = await api.post('/api/v1/auth/login', { email: 'pat@example.com', password: PASSWORD });
    const session = sessionHeadersOf(login.headers['set-cookie']);
    const cookie = session.cookie;
    const change = (current: string) => api.call<ErrorBody>({ method: 'POST', url: '/api/v1/auth/password', headers: session, payload: { current, password: 'a brand new passphrase' } });
    const wrong = await change('not it at all');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'login_failed');
    assert.equal((await change(PASSWORD)).status, 200);
    assert.equal((await api.call({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).status, 401, 'the old session ended');
    assert.equal((await api.post('/api/v1/auth/login', { email: 'pat@example.com', password: PASSWORD })).status, 401);
    assert.equal((await api.post('/api/v1/auth/login', { email: 'pat@example.com', password: 'a brand new passphrase' })).status, 200);
  } finally {
    await api.close();
  }
});

test('/auth/me with an API key says so; a disabled user can neither use their key nor log in', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const me = await api.call<Me>({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(editor.key) });
    assert.equal(me.body.via, 'api_key');
    const disabled = await api.call({ method: 'POST', url: '/api/v1/users/editor@example.com', headers: bearer(admin.key), payload: { disabled: true } });
    assert.equal(disabled.status, 200, disabled.text);
    const refused = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(editor.key) });
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /disabled/);
    const login = await api.post<ErrorBody>('/api/v1/auth/login', { email: 'editor@example.com', password: PASSWORD });
    assert.equal(login.status, 401);
  } finally {
    await api.close();
  }
});

test('with auth off, requests without credentials pass, but credentials that are sent must be valid', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', TRIAGE_YAML)).status, 200);
    assert.equal((await api.get('/api/v1/workflows')).status, 200);
    const bad = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/workflows', headers: { authorization: 'Bearer nope' } });
    assert.equal(bad.status, 401);
    assert.equal((await api.get<ErrorBody>('/api/v1/auth/me')).status, 401, 'nobody to describe');
  } finally {
    await api.close();
  }
});
