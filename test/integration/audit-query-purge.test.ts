// The audit trail read and kept: filters with keyset pagination (values
// bound, so injection strings are only strings), and retention that exports
// before it purges and leaves a trail that still verifies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntryInput } from '../../src/core/audit-entry.ts';
import { auditEntryFromJson } from '../../src/application/audit-entry-json.ts';
import { purgeAuditTrail } from '../../src/application/purge-audit-trail.ts';
import { verifyAuditTrail } from '../../src/application/verify-audit-trail.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const system = { type: 'system' as const, id: 'retention' };

function at(day: number): Date {
  return new Date(Date.UTC(2026, 0, day, 12));
}

const entries: AuditEntryInput[] = [
  { actor: { type: 'user', id: 'fran@example.com', via: 'session' }, action: 'login.succeeded', target: { type: 'user', id: 'fran@example.com' }, at: at(1) },
  { actor: { type: 'user', id: 'fran@example.com' }, action: 'workflow.published', target: { type: 'workflow', id: 'customer-refund' }, detail: { version: 2 }, at: at(2) },
  { actor: { type: 'run', id: 'run_1' }, action: 'money.moved', target: { type: 'charge', id: 'ch_1' }, serviceId: 'billing', offeringId: 'refund', detail: { amount: 1500, currency: 'usd' }, at: at(3) },
  { actor: { type: 'user', id: 'sam@example.com' }, action: 'approval.decided', target: { type: 'approval', id: 'apt_1' }, serviceId: 'billing', offeringId: 'refund', at: at(4) },
  { actor: { type: 'run', id: 'run_2' }, action: 'money.moved', target: { type: 'charge', id: 'ch_2' }, serviceId: 'billing', offeringId: 'credit', at: at(5) },
  { actor: { type: 'user', id: 'fran@example.com' }, action: 'login.failed', target: { type: 'user', id: 'fran@example.com' }, at: at(6) },
];

void describe('audit trail: filters, pages and retention', () => {
  let database: TestDatabase;
  let store: SqlStore;
  let folder: string;
  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
    folder = mkdtempSync(join(tmpdir(), 'tollgate-audit-export-'));
    await store.audit.record(entries);
  });
  after(async () => {
    await store.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const seqs = async (filter: Parameters<SqlStore['audit']['list']>[0]) => (await store.audit.list(filter, { limit: 50 })).items.map((item) => item.seq);

  void it('filters by actor, actions, target, service, offering and time, newest first', async () => {
    assert.deepEqual(await seqs({}), [6, 5, 4, 3, 2, 1]);
    assert.deepEqual(await seqs({ actor: 'fran@example.com' }), [6, 2, 1]);
    assert.deepEqual(await seqs({ actor: 'run_1' }), [3]);
    assert.deepEqual(await seqs({ actions: ['login.succeeded', 'login.failed'] }), [6, 1]);
    assert.deepEqual(await seqs({ targetType: 'charge' }), [5, 3]);
    assert.deepEqual(await seqs({ targetType: 'charge', targetId: 'ch_2' }), [5]);
    assert.deepEqual(await seqs({ serviceId: 'billing' }), [5, 4, 3]);
    assert.deepEqual(await seqs({ serviceId: 'billing', offeringId: 'refund' }), [4, 3]);
    assert.deepEqual(await seqs({ from: at(2), to: at(4) }), [3, 2]);
    assert.deepEqual(await seqs({ actor: 'fran@example.com', actions: ['workflow.published'], from: at(2) }), [2]);
  });

  void it('pages with a seq cursor', async () => {
    const first = await store.audit.list({}, { limit: 4 });
    assert.deepEqual(first.items.map((item) => item.seq), [6, 5, 4, 3]);
    assert.equal(first.nextCursor, 3);
    const second = await store.audit.list({}, { limit: 4, before: 3 });
    assert.deepEqual(second.items.map((item) => item.seq), [2, 1]);
    assert.equal(second.nextCursor, null);
    assert.equal((await store.audit.get(4))?.action, 'approval.decided');
    assert.equal(await store.audit.get(999), undefined);
  });

  void it('binds every filter value: SQL injection strings match nothing and harm nothing', async () => {
    const attacks = ["' OR '1'='1", "x'; DROP TABLE audit_entries; --", '" OR 1=1 --', "fran@example.com' --", '%', '\\'];
    for (const attack of attacks) {
      for (const filter of [{ actor: attack }, { actions: [attack] }, { targetType: attack }, { targetId: attack }, { serviceId: attack }, { offeringId: attack }]) {
        assert.deepEqual(await seqs(filter), [], `${JSON.stringify(filter)} matched entries`);
      }
    }
    assert.equal((await store.audit.head()).seq, 6);
    assert.equal((await verifyAuditTrail(store.audit)).ok, true);
  });

  void it('refuses to purge when the export file cannot be written, and purges nothing', async () => {
    await assert.rejects(purgeAuditTrail(store.audit, { before: at(4), exportFile: join(folder, 'missing-folder', 'audit.jsonl'), actor: system, now: at(10) }), (error: Error & { code?: string }) => error.code === 'audit_export_failed');
    assert.deepEqual(await store.audit.head().then((head) => head.purgedThrough), 0);
    assert.equal((await store.audit.entriesAfter(0, 50)).length, 6);
  });

  void it('exports, then purges the old entries and records the purge; the kept trail still verifies and links the export', async () => {
    const exportFile = join(folder, 'audit-1.jsonl');
    const oldHash = (await store.audit.get(3))?.hash;
    const report = await purgeAuditTrail(store.audit, { before: at(4), exportFile, actor: system, now: at(10) });
    assert.equal(report.purged, 3);
    assert.equal(report.throughSeq, 3);
    assert.equal(report.throughHash, oldHash);
    const text = readFileSync(exportFile, 'utf8');
    assert.equal(report.exportSha256, createHash('sha256').update(text).digest('hex'));
    const exported = text.trim().split('\n').map((line) => auditEntryFromJson(JSON.parse(line)));
    assert.deepEqual(exported.map((item) => item?.seq), [1, 2, 3]);
    assert.equal(exported[2]?.hash, oldHash);

    assert.deepEqual((await store.audit.entriesAfter(0, 50)).map((item) => item.seq), [4, 5, 6, 7]);
    const purgeEntry = await store.audit.get(7);
    assert.equal(purgeEntry?.action, 'audit.purged');
    assert.deepEqual(purgeEntry?.detail, { throughSeq: 3, throughHash: oldHash ?? '', count: 3, exportSha256: report.exportSha256 ?? '', exportFile, before: at(4).toISOString() });
    const verified = await verifyAuditTrail(store.audit, { anchor: { seq: 3, hash: oldHash ?? '' } });
    assert.equal(verified.ok, true, JSON.stringify(verified.firstBad));
    assert.equal(verified.checked, 4);
    assert.equal(verified.purgedThrough, 3);
    assert.equal(verified.anchor?.status, 'matches');
  });

  void it('purges again past an earlier purge, refuses an existing export file, and purges nothing when nothing is old enough', async () => {
    await assert.rejects(purgeAuditTrail(store.audit, { before: at(6), exportFile: join(folder, 'audit-1.jsonl'), actor: system, now: at(11) }), /nothing purged/);
    const report = await purgeAuditTrail(store.audit, { before: at(6), exportFile: join(folder, 'audit-2.jsonl'), actor: system, now: at(11) });
    assert.equal(report.purged, 2);
    assert.equal(report.throughSeq, 5);
    const verified = await verifyAuditTrail(store.audit);
    assert.equal(verified.ok, true, JSON.stringify(verified.firstBad));
    assert.deepEqual((await store.audit.entriesAfter(0, 50)).map((item) => item.seq), [6, 7, 8]);
    const none = await purgeAuditTrail(store.audit, { before: at(1), exportFile: join(folder, 'audit-3.jsonl'), actor: system, now: at(12) });
    assert.equal(none.purged, 0);
    assert.equal(none.exportFile, null);
  });
});
