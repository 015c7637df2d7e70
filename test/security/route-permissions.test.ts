/**
 * Every route the server registers × every role, generated from the
 * permissions table and the routes' declared `permission`: a route added
 * tomorrow is checked without anyone writing a test for it, and one that
 * declares no permission must be on PUBLIC_ROUTES below or this fails.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Role } from '../../src/core/roles.ts';
import { ALL_PERMISSIONS, rolesWith, type Permission } from '../../src/identity/permissions.ts';
import { UNDECLARED_ROUTE_PERMISSION } from '../../src/server/authenticate.ts';
import { bearer, userWithKey } from '../server/identity-fixtures.ts';
import { concreteUrl, startSecurityApi, type CapturedRoute, type SecurityApi } from './security-harness.ts';

/** The only routes that answer without credentials, and why. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /healthz': 'liveness probe',
  'GET /readyz': 'readiness probe',
  'GET /metrics': 'Prometheus scrape (may move behind a permission; then it is checked like any route)',
  'GET /api/v1/openapi.json': 'the API description',
  'GET /api/v1/schema/definition.json': 'the definition JSON Schema, for editors',
  'POST /api/v1/auth/login': 'how credentials are obtained',
  'POST /api/v1/auth/logout': 'ends the session its cookie names',
  'POST /webhooks/stripe/:connector': 'checks the Stripe-Signature itself',
  'POST /webhooks/workflows/:workflowId': "checks the trigger's signature itself",
};

const keyOf = (route: CapturedRoute): string => `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`;
const label = (route: CapturedRoute): string => `${route.method} ${route.url}`;

void describe('every route × every role', () => {
  let api: SecurityApi;
  const keys = new Map<Role, string>();
  let protectedRoutes: CapturedRoute[];

  const callAs = (route: CapturedRoute, headers: Record<string, string>) =>
    api.call({
      method: route.method as 'GET' | 'POST' | 'HEAD',
      url: concreteUrl(route.url),
      headers,
      ...(route.method === 'POST' ? { payload: {} } : {}),
    });

  before(async () => {
    api = await startSecurityApi();
    for (const role of ROLES) keys.set(role, (await userWithKey(api.t.system.app, `${role}@example.com`, [role])).key);
    protectedRoutes = api.routes.filter((route) => !route.public);
  });
  after(() => api.close());

  void it('the server registers the API, webhook and web app routes (the capture works)', () => {
    const urls = new Set(api.routes.map((route) => route.url));
    for (const url of ['/api/v1/runs', '/api/v1/apply', '/webhooks/workflows/:workflowId', '/webhooks/stripe/:connector', ...api.webFiles]) {
      assert.ok(urls.has(url), `${url} was captured`);
    }
    assert.ok(protectedRoutes.length > 50, `found ${protectedRoutes.length} protected routes`);
  });

  void it('a route without a declared permission is public and on the public list; every public route is on it', () => {
    const undeclared = protectedRoutes.filter((route) => route.permission === undefined).map(label);
    assert.deepEqual(undeclared, [], `these routes declare no permission (they fall back to ${UNDECLARED_ROUTE_PERMISSION}); declare one`);
    const staticFiles = new Set(api.webFiles);
    const unlisted = api.routes.filter((route) => route.public && !Object.hasOwn(PUBLIC_ROUTES, keyOf(route)) && !staticFiles.has(route.url)).map(label);
    assert.deepEqual(unlisted, [], 'these routes answer without credentials but are not on PUBLIC_ROUTES; give them a permission or add them with the reason');
  });

  void it('without credentials, every protected route answers 401 unauthenticated', async () => {
    const wrong: string[] = [];
    for (const route of protectedRoutes) {
      const answer = await callAs(route, {});
      if (answer.status !== 401 || (route.method !== 'HEAD' && answer.body.error.code !== 'unauthenticated')) wrong.push(`${label(route)}: ${answer.status} ${answer.text.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
  });

  void it('a made-up or malformed key is 401 on every protected route', async () => {
    const wrong: string[] = [];
    for (const route of protectedRoutes) {
      for (const authorization of ['Bearer tg_notakey_000000', 'Basic YWRtaW46c3RhcnQ=']) {
        const answer = await callAs(route, { authorization });
        if (answer.status !== 401) wrong.push(`${label(route)} with ${authorization}: ${answer.status}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  for (const role of ROLES) {
    void it(`${role}: 403 forbidden exactly where the role lacks the route's permission; never 401/403/5xx where it has it`, async () => {
      const key = keys.get(role) ?? assert.fail('no key');
      const wrong: string[] = [];
      for (const route of protectedRoutes) {
        const permission = route.permission ?? UNDECLARED_ROUTE_PERMISSION;
        const allowed = rolesWith(permission).includes(role);
        const answer = await callAs(route, bearer(key));
        if (allowed && (answer.status === 401 || answer.status === 403 || answer.status >= 500)) {
          wrong.push(`${label(route)} (${permission}): allowed, but answered ${answer.status} ${answer.text.slice(0, 160)}`);
        }
        if (!allowed && (answer.status !== 403 || (route.method !== 'HEAD' && answer.body.error.code !== 'forbidden'))) {
          wrong.push(`${label(route)} (${permission}): refused, but answered ${answer.status} ${answer.text.slice(0, 160)}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  void it('an admin key scoped to one permission is refused every route needing another', async () => {
    const admin = (await api.t.system.app.identity.store.getUserByEmail('admin@example.com')) ?? assert.fail('no admin');
    for (const scope of ['runs.read', 'viewer'] as const) {
      const { key } = await userWithKey(api.t.system.app, admin.email, ['admin'], { scopes: [scope] });
      const granted = new Set<Permission>(scope === 'viewer' ? ALL_PERMISSIONS.filter((permission) => rolesWith(permission).includes('viewer')) : [scope]);
      const wrong: string[] = [];
      for (const route of protectedRoutes) {
        const permission = route.permission ?? UNDECLARED_ROUTE_PERMISSION;
        const answer = await callAs(route, bearer(key));
        const refused = answer.status === 403 && (route.method === 'HEAD' || answer.body.error.code === 'forbidden');
        if (granted.has(permission) === refused) wrong.push(`${label(route)} (${permission}) with scope ${scope}: ${answer.status}`);
        if (refused && route.method !== 'HEAD') assert.match(answer.body.error.message, /your roles allow it, but the API key .* is limited to the scopes/);
      }
      assert.deepEqual(wrong, []);
    }
  });
});

void describe('API key scopes on real actions', () => {
  let api: SecurityApi;
  before(async () => {
    api = await startSecurityApi();
    await api.t.apply('kind: Workflow\nid: scoped\ntrigger: { type: manual }\nsteps:\n  - { id: done, type: end, outcome: Done }\n');
  });
  after(() => api.close());

  void it('an admin key scoped `runs.read` reads runs but cannot publish, start a run or make a user', async () => {
    const { app } = api.t.system;
    const { key } = await userWithKey(app, 'root@example.com', ['admin'], { scopes: ['runs.read'] });
    const reads = await api.call({ method: 'GET', url: '/api/v1/runs', headers: bearer(key) });
    assert.equal(reads.status, 200, reads.text);
    const versions = (await app.engine.store.getWorkflow('scoped'))?.latestVersion;
    const attempts = [
      { url: '/api/v1/workflows/scoped/publish', payload: {} },
      { url: '/api/v1/workflows/scoped/runs', payload: { input: {} } },
      { url: '/api/v1/users', payload: { email: 'mallory@example.com', roles: ['admin'], password: 'a long enough password' } },
    ];
    for (const attempt of attempts) {
      const answer = await api.call({ method: 'POST', url: attempt.url, headers: bearer(key), payload: attempt.payload });
      assert.equal(answer.status, 403, `${attempt.url}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'forbidden');
    }
    assert.equal((await app.engine.store.getWorkflow('scoped'))?.latestVersion, versions, 'nothing was published');
    assert.equal(await app.engine.store.countRuns({}), 0, 'no run started');
    assert.equal(await app.identity.store.getUserByEmail('mallory@example.com'), undefined, 'no user was made');
  });
});
