// Money governance over HTTP: the global policies as applied, and the refund
// reservation ledger newest first with filters and keyset pages; bad filters
// answer 400 naming the parameter; a key without the permission is refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyListBody, ReservationListBody } from '../../src/server/governance-schemas.ts';
import type { NewReservation } from '../../src/store/refund-ledger-records.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { userWithKey } from './identity-fixtures.ts';

interface ErrorBody {
  error: { code: string; issues?: { path: string; message: string }[] };
}

const POLICY_YAML = `
kind: Policy
id: refund-caps
title: Refund caps
description: What support may refund without finance.
refunds:
  preflight: true
  limits:
    - { per: customer, period: 1d, max: 2000, currency: usd }
approvals:
  distinct_approvers: true
`;

function reservation(n: number, overrides: Partial<NewReservation> = {}): NewReservation {
  return {
    idempotencyKey: `key-${n}`,
    operation: 'stripe.refunds.create',
    targetId: `ch_${n}`,
    paymentIntentId: null,
    customerId: 'cus_a',
    workflowId: 'customer-refund',
    runId: `run_${n}`,
    stepPath: 'refund',
    amount: 1000 * n,
    currency: 'usd',
    ...overrides,
  };
}

void describe('governance routes', () => {
  let api: ApiHarness;
  let admin: string;
  let auditOnly: string;
  before(async () => {
    api = await startApi({ auth: 'required' });
    admin = (await userWithKey(api.t.system.app, 'ada@example.com', ['admin'])).key;
    auditOnly = (await userWithKey(api.t.system.app, 'aud@example.com', ['admin'], { scopes: ['audit.read'] })).key;
    const ledger = api.t.system.store.refundLedger;
    const limits = { available: 1_000_000, caps: [] };
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
    const first = await ledger.reserve(reservation(1), limits, at(1));
    const second = await ledger.reserve(reservation(2, { customerId: 'cus_b' }), limits, at(2));
    await ledger.reserve(reservation(3, { workflowId: 'goodwill-credit' }), limits, at(3));
    assert.ok(first.kind === 'reserved' && second.kind === 'reserved');
    await ledger.settle(first.reservation.id, 're_1', at(4));
    await ledger.release(second.reservation.id, at(5));
  });
  after(() => api.close());

  const get = <T>(url: string, key = admin) => api.call<T>({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  void it('lists the global policies as applied, empty before any', async () => {
    assert.deepEqual((await get<PolicyListBody>('/api/v1/policies')).body, { policies: [] });
    const applied = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/yaml' }, payload: POLICY_YAML });
    assert.equal(applied.status, 200, applied.text);
    const listed = await get<PolicyListBody>('/api/v1/policies');
    assert.equal(listed.status, 200);
    const [policy] = listed.body.policies;
    assert.equal(listed.body.policies.length, 1);
    assert.equal(policy?.id, 'refund-caps');
    assert.equal(policy?.title, 'Refund caps');
    assert.equal(policy?.description, 'What support may refund without finance.');
    assert.deepEqual(policy?.refunds, { preflight: true, limits: [{ per: 'customer', period: '1d', max: 2000, currency: 'usd' }] });
    assert.deepEqual(policy?.approvals, { distinct_approvers: true });
    assert.ok(!Number.isNaN(Date.parse(policy?.updated_at ?? '')));
  });

  void it('lists the ledger newest first, filtered, one keyset page at a time', async () => {
    const all = await get<ReservationListBody>('/api/v1/refund-reservations');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.reservations.map((row) => [row.charge, row.status, row.amount, row.refund_id]), [
      ['ch_3', 'reserved', 3000, null],
      ['ch_2', 'released', 2000, null],
      ['ch_1', 'settled', 1000, 're_1'],
    ]);
    assert.equal(all.body.next_cursor, null);
    const one = (query: string) => get<ReservationListBody>(`/api/v1/refund-reservations?${query}`).then((answer) => answer.body.reservations.map((row) => row.charge));
    assert.deepEqual(await one('status=settled'), ['ch_1']);
    assert.deepEqual(await one('charge=ch_2'), ['ch_2']);
    assert.deepEqual(await one('customer=cus_a'), ['ch_3', 'ch_1']);
    assert.deepEqual(await one('workflow=goodwill-credit'), ['ch_3']);
    assert.deepEqual(await one('customer=cus_a&status=reserved'), ['ch_3']);
    const page = await get<ReservationListBody>('/api/v1/refund-reservations?limit=2');
    assert.deepEqual(page.body.reservations.map((row) => row.charge), ['ch_3', 'ch_2']);
    assert.ok(page.body.next_cursor !== null);
    const next = await get<ReservationListBody>(`/api/v1/refund-reservations?limit=2&cursor=${page.body.next_cursor}`);
    assert.deepEqual(next.body.reservations.map((row) => row.charge), ['ch_1']);
    assert.equal(next.body.next_cursor, null);
  });

  void it('answers 400 naming the parameter at fault', async () => {
    for (const [query, path] of [
      ['status=refunded', 'query.status'],
      ['charge=ch_1%20OR%201=1', 'query.charge'],
      ['customer=', 'query.customer'],
      ['workflow=-bad', 'query.workflow'],
      ['cursor=abc', 'query.cursor'],
      ['limit=0', 'query.limit'],
      ['colour=red', 'query'],
    ] as const) {
      const answer = await get<ErrorBody>(`/api/v1/refund-reservations?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.code, 'request_invalid');
      assert.ok(answer.body.error.issues?.some((issue) => issue.path.startsWith(path)), `${query}: ${JSON.stringify(answer.body.error.issues)}`);
    }
  });

  void it('refuses a key scoped to something else', async () => {
    assert.equal((await get('/api/v1/policies', auditOnly)).status, 403);
    assert.equal((await get('/api/v1/refund-reservations', auditOnly)).status, 403);
  });
});
