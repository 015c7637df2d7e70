import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../src/core/errors.ts';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from '../../src/identity/api-key-admin.ts';
import { createUser } from '../../src/identity/user-admin.ts';
import type { ApiKeyBody } from '../../src/server/identity-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

const HOUR = 3_600_000;

test('an API key verifies until it expires; the secret is stored only as a hash', async () => {
  const api = await startApi();
  try {
    const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
    const identity = { ...api.t.system.app.identity, clock };
    const user = await createUser(identity, { email: 'ci@example.com', roles: ['editor'] });
    const created = await createApiKey(identity, undefined, { name: 'ci', user: user.email, expiresAt: new Date(clock.now().getTime() + HOUR) });
    const stored = await identity.store.getApiKey(created.key.id);
    assert.ok(stored);
    // The secret itself may contain "_": take all of it after `tg_<16 hex id>_` (only its first 8 characters are kept, to show).
    const secret = created.secret.slice('tg_'.length + 16 + 1);
    assert.equal(secret.length, 43);
    assert.ok(!JSON.stringify(stored).includes(secret), 'the secret is not stored');

    const caller = await authenticateApiKey(identity, created.secret);
    assert.equal(caller.user.email, 'ci@example.com');
    assert.ok(caller.permissions.has('definitions.apply'));
    assert.equal((await identity.store.getApiKey(created.key.id))?.lastUsedAt?.toISOString(), '2026-03-01T00:00:00.000Z');
    // Noted at most once a minute: a use 30 s later writes nothing, one 61 s after the first does.
    clock.advance(30_000);
    await authenticateApiKey(identity, created.secret);
    assert.equal((await identity.store.getApiKey(created.key.id))?.lastUsedAt?.toISOString(), '2026-03-01T00:00:00.000Z');
    clock.advance(31_000);
    await authenticateApiKey(identity, created.secret);
    assert.equal((await identity.store.getApiKey(created.key.id))?.lastUsedAt?.toISOString(), '2026-03-01T00:01:01.000Z');

    await assert.rejects(authenticateApiKey(identity, `${created.secret.slice(0, -1)}${created.secret.endsWith('A') ? 'B' : 'A'}`), UnauthorizedError, 'a wrong secret');
    clock.advance(HOUR - 61_000);
    await assert.rejects(authenticateApiKey(identity, created.secret), (error: unknown) => error instanceof UnauthorizedError && /expired at 2026-03-01T01:00:00.000Z/.test(error.message));
  } finally {
    await api.close();
  }
});

test('a revoked key stops working at once; only its owner or an admin may revoke it', async () => {
  const api = await startApi();
  try {
    const { identity } = api.t.system.app;
    const owner = await createUser(identity, { email: 'owner@example.com', roles: ['viewer'] });
    const other = await createUser(identity, { email: 'other@example.com', roles: ['editor'] });
    const created = await createApiKey(identity, undefined, { name: 'laptop', user: owner.id });
    const ownerCaller = await authenticateApiKey(identity, created.secret);
    const otherCaller = await authenticateApiKey(identity, (await createApiKey(identity, undefined, { name: 'x', user: other.id })).secret);

    await assert.rejects(revokeApiKey(identity, otherCaller, created.key.id), NotFoundError);
    await authenticateApiKey(identity, created.secret);
    const revoked = await revokeApiKey(identity, ownerCaller, `tg_${created.key.id}`);
    assert.ok(revoked.key.revokedAt instanceof Date);
    await assert.rejects(authenticateApiKey(identity, created.secret), (error: unknown) => error instanceof UnauthorizedError && /revoked/.test(error.message));
    assert.deepEqual((await listApiKeys(identity, otherCaller)).map((key) => key.key.name), ['x'], 'a non-admin lists only their own keys');
    assert.equal((await listApiKeys(identity, undefined)).length, 2);
  } finally {
    await api.close();
  }
});

test('a key made with a scoped key cannot do more than it; non-admins cannot make keys for others', async () => {
  const api = await startApi();
  try {
    const { identity } = api.t.system.app;
    const editor = await createUser(identity, { email: 'ed@example.com', roles: ['editor'] });
    await createUser(identity, { email: 'vi@example.com', roles: ['viewer'] });
    const scoped = await authenticateApiKey(identity, (await createApiKey(identity, undefined, { name: 'ro', user: editor.id, scopes: ['viewer'] })).secret);
    await assert.rejects(createApiKey(identity, scoped, { name: 'wider', scopes: ['definitions.apply'] }), ForbiddenError);
    const inherited = await createApiKey(identity, scoped, { name: 'child' });
    assert.ok(!(await authenticateApiKey(identity, inherited.secret)).permissions.has('definitions.apply'), 'a key without scopes made by a scoped key keeps its limits');
    await assert.rejects(createApiKey(identity, scoped, { name: 'theirs', user: 'vi@example.com' }), ForbiddenError);
  } finally {
    await api.close();
  }
});

test('over HTTP: create answers the secret once, the listing never shows it, revoke refuses the key afterwards', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const created = await api.call<{ api_key: ApiKeyBody; secret: string }>({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(viewer.key),
      payload: { name: 'dashboards', scopes: ['runs.read'], expires_in: '30d' },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.secret, /^tg_[0-9a-f]{16}_/);
    assert.equal(created.body.api_key.status, 'active');
    assert.deepEqual(created.body.api_key.scopes, ['runs.read']);
    assert.ok(created.body.api_key.expires_at !== null);

    const listed = await api.call<{ api_keys: ApiKeyBody[] }>({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(viewer.key) });
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.api_keys.map((key) => key.name).sort(), ['dashboards', 'viewer@example.com test key']);
    assert.ok(!listed.text.includes(created.body.secret.slice(20)), 'no secret in the listing');

    const keyId = created.body.api_key.id;
    assert.equal((await api.call({ method: 'GET', url: '/api/v1/runs', headers: bearer(created.body.secret) })).status, 200);
    const revoke = await api.call<{ api_key: ApiKeyBody }>({ method: 'POST', url: `/api/v1/api-keys/${keyId}/revoke`, headers: bearer(viewer.key) });
    assert.equal(revoke.body.api_key.status, 'revoked');
    const refused = await api.call<ErrorBody>({ method: 'GET', url: '/api/v1/runs', headers: bearer(created.body.secret) });
    assert.equal(refused.status, 401);
    assert.match(refused.body.error.message, /revoked/);

    const badScope = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(viewer.key), payload: { name: 'x', scopes: ['everything'] } });
    assert.equal(badScope.status, 400);
    assert.equal(badScope.body.error.code, 'scope_invalid');
  } finally {
    await api.close();
  }
});
