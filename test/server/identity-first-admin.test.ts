import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authenticateApiKey } from '../../src/identity/api-key-admin.ts';
import { bootstrapFirstAdmin } from '../../src/identity/first-admin.ts';
import { login } from '../../src/identity/session-login.ts';
import { createTestSystem } from '../support/test-system.ts';

test('the first-admin bootstrap creates exactly one admin, once, with a password and a CLI key that work', async () => {
  const t = await createTestSystem({ auth: 'required' });
  try {
    const { identity } = t.system.app;
    const first = await bootstrapFirstAdmin(identity, { email: 'ops@example.com' });
    assert.ok(first);
    assert.equal(first.email, 'ops@example.com');
    assert.equal(await bootstrapFirstAdmin(identity, { email: 'ops@example.com' }), undefined, 'a second start creates nothing');
    assert.equal(await bootstrapFirstAdmin(identity), undefined, 'nor with another email');

    const users = await identity.store.listUsers();
    assert.deepEqual(users.map((user) => [user.email, user.roles]), [['ops@example.com', ['admin']]]);
    assert.equal((await identity.store.listApiKeys()).length, 1);
    assert.ok(!users[0]?.passwordHash?.includes(first.password));

    const session = await login(identity, { email: 'ops@example.com', password: first.password });
    assert.deepEqual(session.caller.user.roles, ['admin']);
    const caller = await authenticateApiKey(identity, first.apiKey);
    assert.ok(caller.permissions.has('identity.admin'));
  } finally {
    await t.close();
  }
});

test('bootstraps racing each other create one admin between them', async () => {
  const t = await createTestSystem();
  try {
    const { identity } = t.system.app;
    const results = await Promise.all([bootstrapFirstAdmin(identity), bootstrapFirstAdmin(identity), bootstrapFirstAdmin(identity)]);
    assert.equal(results.filter((result) => result !== undefined).length, 1);
    assert.equal((await identity.store.listUsers()).length, 1);
    assert.equal((await identity.store.listApiKeys()).length, 1);
    assert.equal((await identity.store.getUserByEmail('admin@localhost'))?.roles[0], 'admin');
  } finally {
    await t.close();
  }
});
