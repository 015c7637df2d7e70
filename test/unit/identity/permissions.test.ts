import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ForbiddenError, UnauthorizedError } from '../../../src/core/errors.ts';
import { callerOf, requirePermission } from '../../../src/identity/caller.ts';
import { ALL_PERMISSIONS, permissionsOf, permissionsOfScopes, rolesWith } from '../../../src/identity/permissions.ts';
import type { Role } from '../../../src/core/roles.ts';
import type { StoredApiKey, StoredUser } from '../../../src/store/identity-store.ts';

function user(roles: Role[]): StoredUser {
  const now = new Date('2026-01-01T00:00:00Z');
  return { id: 'usr_1', email: 'pat@example.com', name: null, passwordHash: null, roles, disabled: false, createdAt: now, updatedAt: now };
}

function key(scopes: string[] | null): StoredApiKey {
  return { id: '0123456789abcdef', name: 'k', prefix: 'AbCd1234', hash: '', userId: 'usr_1', scopes, expiresAt: null, revokedAt: null, lastUsedAt: null, createdAt: new Date() };
}

test('the role table: admin holds every permission, viewers only read, editors apply, approvers decide', () => {
  assert.deepEqual([...permissionsOf(['admin'])].sort(), [...ALL_PERMISSIONS].sort());
  const viewer = permissionsOf(['viewer']);
  assert.ok(viewer.has('workflows.read') && viewer.has('runs.read'));
  assert.ok(!viewer.has('definitions.apply') && !viewer.has('runs.operate') && !viewer.has('approvals.decide') && !viewer.has('requests.submit'));
  assert.ok(permissionsOf(['editor']).has('definitions.apply'));
  assert.ok(!permissionsOf(['editor']).has('approvals.decide'));
  assert.ok(permissionsOf(['approver']).has('approvals.decide'));
  assert.ok(permissionsOf(['requester']).has('requests.submit'));
  assert.deepEqual(rolesWith('identity.admin'), ['admin']);
});

test('scopes name permissions or roles; unknown scopes grant nothing', () => {
  assert.deepEqual([...permissionsOfScopes(['runs.read'])], ['runs.read']);
  assert.deepEqual(permissionsOfScopes(['viewer']), permissionsOf(['viewer']));
  assert.equal(permissionsOfScopes(['root', 'runs.*']).size, 0);
});

test("an API key's scopes narrow its user's roles and never widen them", () => {
  const editorKey = callerOf(user(['editor']), key(['runs.read', 'identity.admin']));
  assert.deepEqual([...editorKey.permissions], ['runs.read']);
  assert.equal(callerOf(user(['editor']), key(null)).permissions.has('definitions.apply'), true);
  assert.equal(callerOf(user(['editor'])).via.kind, 'session');
});

test('requirePermission: 401 without a caller, 403 naming the permission and the roles that have it', () => {
  assert.throws(() => requirePermission(undefined, 'runs.read'), (error: unknown) => error instanceof UnauthorizedError && error.code === 'unauthenticated' && /Authorization: Bearer/.test(error.message));
  assert.throws(
    () => requirePermission(callerOf(user(['viewer'])), 'definitions.apply'),
    (error: unknown) => error instanceof ForbiddenError && error.code === 'forbidden' && /"definitions\.apply"/.test(error.message) && /admin, editor/.test(error.message) && /viewer/.test(error.message),
  );
  assert.throws(
    () => requirePermission(callerOf(user(['editor']), key(['viewer'])), 'definitions.apply'),
    (error: unknown) => error instanceof ForbiddenError && /limited to the scopes viewer/.test(error.message),
  );
  assert.doesNotThrow(() => requirePermission(callerOf(user(['editor'])), 'definitions.apply'));
});
