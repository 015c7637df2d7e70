// audit verify walks the kept trail and names the first entry an attacker
// with database access edited, deleted, inserted or moved; an anchor kept
// outside proves the trail was not rewritten wholesale.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { AuditEntry, AuditEntryInput } from '../../src/core/audit-entry.ts';
import { auditEntryHash } from '../../src/core/audit-hash.ts';
import { verifyAuditTrail } from '../../src/application/verify-audit-trail.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

function entry(index: number): AuditEntryInput {
  return { actor: { type: 'user', id: 'fran@example.com', via: 'session' }, action: 'workflow.published', target: { type: 'workflow', id: `w${index}` }, detail: { version: index }, at: new Date(Date.UTC(2026, 2, 1, 10, index)) };
}

/** What an attacker with the database's password does first. */
async function dropAppendOnlyTriggers(store: SqlStore): Promise<void> {
  const db = inspectDatabase(store);
  if (store.capabilities.rowLocks) await sql`DROP TRIGGER audit_entries_append_only ON audit_entries`.execute(db);
  else {
    await sql`DROP TRIGGER audit_entries_no_update`.execute(db);
    await sql`DROP TRIGGER audit_entries_no_delete`.execute(db);
  }
}

/** Writes a row past the trail's append, with a hash that fits its own content. */
async function insertForged(store: SqlStore, forged: Omit<AuditEntry, 'hash'>): Promise<void> {
  await inspectDatabase(store)
    .insertInto('audit_entries')
    .values({
      seq: forged.seq,
      at: forged.at.getTime(),
      actor_type: forged.actor.type,
      actor_id: forged.actor.id,
      actor_via: forged.actor.via ?? null,
      action: forged.action,
      target_type: forged.target.type,
      target_id: forged.target.id,
      service_id: null,
      offering_id: null,
      detail: JSON.stringify(forged.detail),
      prev_hash: forged.prevHash,
      hash: auditEntryHash(forged),
    })
    .execute();
}

async function moveEntry(store: SqlStore, from: number, to: number): Promise<void> {
  await inspectDatabase(store).updateTable('audit_entries').set({ seq: to }).where('seq', '=', from).execute();
}

void describe('audit verify: names the first edited, deleted, inserted or reordered entry', () => {
  let database: TestDatabase;
  let store: SqlStore;
  beforeEach(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
    await store.audit.record(Array.from({ length: 8 }, (_, index) => entry(index + 1)));
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
  });

  void it('passes an intact trail and reports its head', async () => {
    const head = await store.audit.head();
    const report = await verifyAuditTrail(store.audit);
    assert.deepEqual(report, { ok: true, checked: 8, head: { seq: 8, hash: head.hash }, purgedThrough: 0 });
  });

  void it('names an edited entry', async () => {
    await dropAppendOnlyTriggers(store);
    await inspectDatabase(store).updateTable('audit_entries').set({ detail: JSON.stringify({ version: 99 }) }).where('seq', '=', 3).execute();
    const report = await verifyAuditTrail(store.audit);
    assert.equal(report.ok, false);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 3, problem: 'edited' });
    assert.equal(report.checked, 2);
  });

  void it('names an edited entry whose hash the attacker recomputed, by the next entry that no longer links it', async () => {
    await dropAppendOnlyTriggers(store);
    const [third] = await store.audit.entriesAfter(3, 1);
    assert.ok(third);
    const forged = { ...third, actor: { type: 'user' as const, id: 'mallory@example.com' } };
    await inspectDatabase(store).updateTable('audit_entries').set({ actor_id: 'mallory@example.com', actor_via: null, hash: auditEntryHash(forged) }).where('seq', '=', 4).execute();
    const report = await verifyAuditTrail(store.audit);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 4, problem: 'edited' });
  });

  void it('names a deleted entry, and one deleted with the entries after it renumbered', async () => {
    await dropAppendOnlyTriggers(store);
    await inspectDatabase(store).deleteFrom('audit_entries').where('seq', '=', 5).execute();
    const gap = await verifyAuditTrail(store.audit);
    assert.deepEqual(gap.firstBad && { seq: gap.firstBad.seq, problem: gap.firstBad.problem }, { seq: 5, problem: 'deleted' });
    for (const seq of [6, 7, 8]) await moveEntry(store, seq, seq - 1);
    const renumbered = await verifyAuditTrail(store.audit);
    assert.deepEqual(renumbered.firstBad && { seq: renumbered.firstBad.seq, problem: renumbered.firstBad.problem }, { seq: 5, problem: 'deleted' });
  });

  void it('names the last entries deleted, by the head', async () => {
    await dropAppendOnlyTriggers(store);
    await inspectDatabase(store).deleteFrom('audit_entries').where('seq', '>=', 7).execute();
    const report = await verifyAuditTrail(store.audit);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 7, problem: 'deleted' });
  });

  void it('names an entry inserted in the middle with a well-formed hash', async () => {
    await dropAppendOnlyTriggers(store);
    for (const seq of [8, 7, 6, 5, 4]) await moveEntry(store, seq, seq + 1);
    const [third] = await store.audit.entriesAfter(2, 1);
    assert.ok(third && third.seq === 3);
    const forged = { ...entry(42), seq: 4, serviceId: null, offeringId: null, detail: { version: 42 }, prevHash: third.hash };
    await insertForged(store, forged);
    const report = await verifyAuditTrail(store.audit);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 4, problem: 'inserted' });
  });

  void it('names an entry added after the head', async () => {
    await dropAppendOnlyTriggers(store);
    const head = await store.audit.head();
    const forged = { ...entry(9), seq: 9, serviceId: null, offeringId: null, detail: { version: 9 }, prevHash: head.hash };
    await insertForged(store, forged);
    const report = await verifyAuditTrail(store.audit);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 9, problem: 'inserted' });
  });

  void it('names two swapped entries as reordered', async () => {
    await dropAppendOnlyTriggers(store);
    await moveEntry(store, 3, 1000);
    await moveEntry(store, 6, 3);
    await moveEntry(store, 1000, 6);
    const report = await verifyAuditTrail(store.audit);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 3, problem: 'reordered' });
    assert.match(report.firstBad?.message ?? '', /written as 6/);
  });

  void it('proves an anchor, and catches a trail rewritten wholesale that the anchor no longer matches', async () => {
    const anchorEntry = (await store.audit.entriesAfter(4, 1))[0];
    assert.ok(anchorEntry);
    const anchor = { seq: anchorEntry.seq, hash: anchorEntry.hash };
    assert.deepEqual((await verifyAuditTrail(store.audit, { anchor })).anchor, { ...anchor, status: 'matches' });

    // The attacker rewrites every entry from 5 on and the head, each hash recomputed: the chain alone is intact.
    await dropAppendOnlyTriggers(store);
    const db = inspectDatabase(store);
    let previous = (await store.audit.entriesAfter(3, 1))[0]?.hash ?? '';
    for (const kept of await store.audit.entriesAfter(4, 10)) {
      const rewritten = { ...kept, target: { type: 'workflow', id: `${kept.target.id}-rewritten` }, prevHash: previous };
      const hash = auditEntryHash(rewritten);
      await db.updateTable('audit_entries').set({ target_id: rewritten.target.id, prev_hash: previous, hash }).where('seq', '=', kept.seq).execute();
      previous = hash;
    }
    await db.updateTable('audit_head').set({ hash: previous }).where('id', '=', 1).execute();
    assert.equal((await verifyAuditTrail(store.audit)).ok, true);
    const report = await verifyAuditTrail(store.audit, { anchor });
    assert.equal(report.ok, false);
    assert.deepEqual(report.firstBad && { seq: report.firstBad.seq, problem: report.firstBad.problem }, { seq: 5, problem: 'anchor_mismatch' });
  });
});
