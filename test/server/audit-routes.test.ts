// The audit trail over HTTP: admins (and keys scoped to audit.read) list,
// filter, export, verify and anchor; bad filters answer 400 naming the
// parameter; other roles are refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntryInput } from '../../src/core/audit-entry.ts';
import type { AuditAnchorBody, AuditEntryBody, AuditListBody, AuditVerifyBody } from '../../src/server/audit-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { userWithKey } from './identity-fixtures.ts';

interface ErrorBody {
  error: { code: string; message: string; path?: string; issues?: { path: string; message: string }[] };
}

const entries: AuditEntryInput[] = [
  { actor: { type: 'user', id: 'fran@example.com', via: 'session' }, action: 'login.succeeded', target: { type: 'user', id: 'fran@example.com' }, at: new Date('2026-01-01T10:00:00Z') },
  {
    actor: { type: 'user', id: 'fran@example.com', via: 'api_key:key_1' },
    action: 'workflow.published',
    target: { type: 'workflow', id: 'customer-refund' },
    detail: { before: { version: 1, note: 'say "hi", then\nleave' }, after: { version: 2 } },
    at: new Date('2026-01-02T10:00:00Z'),
  },
  { actor: { type: 'run', id: 'run_1' }, action: 'money.moved', target: { type: 'charge', id: 'ch_1' }, serviceId: 'billing', offeringId: 'refund', detail: { amount: 1500, currency: 'usd' }, at: new Date('2026-01-03T10:00:00Z') },
];

void describe('audit routes', () => {
  let api: ApiHarness;
  let admin: string;
  let viewer: string;
  let auditorKey: string;
  /** The seq before this file's entries (setting up users and keys writes entries too). */
  let base = 0;
  const seq = (n: number) => base + n;
  before(async () => {
    api = await startApi({ auth: 'required' });
    admin = (await userWithKey(api.t.system.app, 'ada@example.com', ['admin'])).key;
    viewer = (await userWithKey(api.t.system.app, 'vic@example.com', ['viewer'])).key;
    auditorKey = (await userWithKey(api.t.system.app, 'aud@example.com', ['admin'], { scopes: ['audit.read'] })).key;
    const recorded = await api.t.system.store.audit.record(entries);
    base = (recorded[0]?.seq ?? 1) - 1;
  });
  after(() => api.close());

  const get = <T>(url: string, key = admin) => api.call<T>({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  void it('lists newest first with filters and a seq cursor', async () => {
    const all = await get<AuditListBody>('/api/v1/audit?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.entries.map((entry) => entry.seq), [seq(3), seq(2), seq(1)]);
    const byActor = await get<AuditListBody>('/api/v1/audit?actor=fran@example.com&action=workflow.published&action=login.succeeded');
    assert.deepEqual(byActor.body.entries.map((entry) => entry.seq), [seq(2), seq(1)]);
    const byTarget = await get<AuditListBody>('/api/v1/audit?target_type=charge&target_id=ch_1&service=billing&offering=refund&from=2026-01-03T00:00:00Z&to=2026-01-04T00:00:00Z');
    assert.deepEqual(byTarget.body.entries.map((entry) => [entry.seq, entry.actor.id]), [[seq(3), 'run_1']]);
    const page = await get<AuditListBody>('/api/v1/audit?limit=2&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    assert.equal(page.body.next_cursor, seq(2));
    const next = await get<AuditListBody>(`/api/v1/audit?limit=2&cursor=${seq(2)}&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`);
    assert.deepEqual(next.body.entries.map((entry) => entry.seq), [seq(1)]);
    assert.equal(next.body.next_cursor, null);
  });

  void it('answers 400 naming the parameter at fault', async () => {
    for (const [query, path] of [
      ['action=money.vanished', 'query.action'],
      ['from=yesterday', 'query.from'],
      ['from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'query.to'],
      ['limit=0', 'query.limit'],
      ['cursor=abc', 'query.cursor'],
      ['colour=red', 'query'],
    ] as const) {
      const answer = await get<ErrorBody>(`/api/v1/audit?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.code, 'request_invalid');
      assert.ok(answer.body.error.issues?.some((issue) => issue.path.startsWith(path)), `${query}: ${JSON.stringify(answer.body.error.issues)}`);
    }
    const badAnchor = await get<ErrorBody>('/api/v1/audit/verify?anchor=3:zz');
    assert.equal(badAnchor.status, 400);
    assert.equal(badAnchor.body.error.issues?.[0]?.path, 'query.anchor');
  });

  void it('treats SQL injection in every filter as plain text', async () => {
    const attack = encodeURIComponent("x' OR '1'='1'; DROP TABLE audit_entries; --");
    for (const name of ['actor', 'target_type', 'target_id', 'service', 'offering']) {
      const answer = await get<AuditListBody>(`/api/v1/audit?${name}=${attack}`);
      assert.equal(answer.status, 200, name);
      assert.deepEqual(answer.body.entries, [], name);
    }
    assert.equal((await get<ErrorBody>(`/api/v1/audit?action=${attack}`)).status, 400);
    assert.equal((await get<AuditListBody>('/api/v1/audit?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z')).body.entries.length, 3);
  });

  void it('shows one entry with its before and after, and 404 for an unknown seq', async () => {
    const answer = await get<{ entry: AuditEntryBody }>(`/api/v1/audit/${seq(2)}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.entry.detail, entries[1]?.detail);
    assert.deepEqual(answer.body.entry.actor, { type: 'user', id: 'fran@example.com', via: 'api_key:key_1' });
    const missing = await get<ErrorBody>(`/api/v1/audit/${seq(99)}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'audit_entry_not_found');
  });

  void it('exports JSON and CSV with the filters, in seq order', async () => {
    const json = await get<AuditEntryBody[]>('/api/v1/audit/export?format=json&actor=fran@example.com');
    assert.equal(json.status, 200);
    assert.deepEqual(json.body.map((entry) => entry.seq), [seq(1), seq(2)]);
    const csv = await get<unknown>('/api/v1/audit/export?format=csv&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z');
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="tollgate-audit.csv"/);
    const lines = csv.text.split('\r\n');
    assert.equal(lines[0], 'seq,at,actor,via,action,target_type,target_id,service,offering,detail,prev_hash,hash');
    assert.equal(lines.length, 5);
    assert.ok(lines[2]?.startsWith(`${seq(2)},2026-01-02T10:00:00.000Z,fran@example.com,api_key:key_1,workflow.published,workflow,customer-refund,,,"{""before"":`), lines[2]);
    assert.ok(lines[2]?.includes('say \\""hi\\"", then\\nleave'), lines[2]);
    assert.equal(lines[4], '');
  });

  void it('verifies and gives the anchor, which verify then proves', async () => {
    const anchor = await get<AuditAnchorBody>('/api/v1/audit/anchor');
    assert.equal(anchor.body.seq, seq(3));
    assert.equal(anchor.body.anchor, `${seq(3)}:${anchor.body.hash}`);
    const report = await get<AuditVerifyBody>(`/api/v1/audit/verify?anchor=${anchor.body.anchor}`);
    assert.deepEqual(report.body, { ok: true, checked: seq(3), head: { seq: seq(3), hash: anchor.body.hash }, purged_through: 0, anchor: { seq: seq(3), hash: anchor.body.hash, status: 'matches' } });
    const wrong = await get<AuditVerifyBody>(`/api/v1/audit/verify?anchor=${seq(3)}:${'0'.repeat(64)}`);
    assert.equal(wrong.body.ok, false);
    assert.equal(wrong.body.first_bad?.problem, 'anchor_mismatch');
  });

  void it('is for audit.read: an admin key scoped to it passes, a viewer is refused', async () => {
    assert.equal((await get<AuditListBody>('/api/v1/audit', auditorKey)).status, 200);
    assert.equal((await get<ErrorBody>('/api/v1/audit/anchor', auditorKey)).status, 200);
    for (const url of ['/api/v1/audit', '/api/v1/audit/1', '/api/v1/audit/export', '/api/v1/audit/verify', '/api/v1/audit/anchor']) {
      const refused = await get<ErrorBody>(url, viewer);
      assert.equal(refused.status, 403, url);
    }
    assert.equal((await api.get<ErrorBody>('/api/v1/audit')).status, 401);
  });
});
