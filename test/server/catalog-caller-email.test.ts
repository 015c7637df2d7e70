import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { actingEmail, authenticatedCaller, seesOnlyOwnRequests } from '../../src/server/caller-email.ts';

const requestWith = (caller: unknown) => ({ caller }) as unknown as FastifyRequest;
const requester = requestWith({ user: { email: 'Rae@Example.com', roles: ['requester'] } });
const approver = requestWith({ user: { email: 'cam@example.com', roles: ['approver'] } });
const anonymous = requestWith(undefined);

test('with authentication required, the caller acts and may not name someone else', () => {
  assert.equal(actingEmail(requester, undefined, { field: 'requester', authRequired: true }), 'rae@example.com');
  assert.equal(actingEmail(requester, 'rae@example.com', { field: 'requester', authRequired: true }), 'rae@example.com');
  assert.throws(() => actingEmail(requester, 'boss@example.com', { field: 'requester', authRequired: true }), { code: 'caller_mismatch' });
  assert.throws(() => actingEmail(anonymous, undefined, { field: 'by', authRequired: true }), { code: 'caller_unknown' });
});

test('with authentication off, the explicit email wins and the caller is the fallback', () => {
  assert.equal(actingEmail(approver, 'Casey@example.com', { field: 'by', authRequired: false }), 'casey@example.com');
  assert.equal(actingEmail(approver, undefined, { field: 'by', authRequired: false }), 'cam@example.com');
  assert.equal(actingEmail(anonymous, 'ann@example.com', { field: 'by', authRequired: false }), 'ann@example.com');
  assert.throws(() => actingEmail(anonymous, ' ', { field: 'by', authRequired: false }), (error: { code: string; message: string }) => {
    assert.equal(error.code, 'caller_unknown');
    assert.match(error.message, /give `by`/);
    return true;
  });
});

test('a caller who is only a requester sees their own requests; broader roles do not narrow', () => {
  assert.equal(seesOnlyOwnRequests(authenticatedCaller(requester)), true);
  assert.equal(seesOnlyOwnRequests(authenticatedCaller(approver)), false);
  assert.equal(seesOnlyOwnRequests(authenticatedCaller(anonymous)), false);
  assert.deepEqual(authenticatedCaller(requester), { email: 'rae@example.com', roles: ['requester'] });
});
