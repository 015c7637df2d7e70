// Audit entries are appended in the caller's transaction and chained: each
// links the hash of the one before, seqs have no gaps even when many
// transactions append at once, and the database refuses to edit or delete one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, type AuditEntryInput } from '../../src/core/audit-entry.ts';
import { auditEntryHash } from '../../src/core/audit-hash.ts';
import { appendAuditEntries } from '../../src/store/audit-append.ts';
import { inspectDatabase, inspectTransaction } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const at = new Date('2026-03-01T10:00:00Z');

function entry(id: string): AuditEntryInput {
  return { actor: { type: 'user', id: 'fran@example.com', via: 'session' }, action: 'workflow.published', target: { type: 'workflow', id }, detail: { version: 1 }, at };
}

void describe('audit entries: appended in the transaction of their change, chained, append-only', () => {
  let database: TestDatabase;
  let store: SqlStore;
  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  void it('chains each entry to the one before, from the genesis hash', async () => {
    const [first, second] = await store.audit.record([entry('a'), entry('b')]);
    assert.ok(first && second);
    assert.equal(first.seq, 1);
    assert.equal(first.prevHash, GENESIS_HASH);
    assert.equal(second.prevHash, first.hash);
    const stored = await store.audit.entriesAfter(0, 10);
    assert.deepEqual(stored, [first, second]);
    for (const item of stored) assert.equal(auditEntryHash(item), item.hash);
    assert.deepEqual(await store.audit.head(), { seq: 2, hash: second.hash, purgedThrough: 0 });
  });

  void it('leaves no entry behind when the change it records rolls back', async () => {
    const before = await store.audit.head();
    await assert.rejects(
      inspectTransaction(store, async (trx) => {
        await appendAuditEntries(trx, store.capabilities, [entry('rolled-back')]);
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    assert.deepEqual(await store.audit.head(), before);
    assert.equal((await store.audit.entriesAfter(before.seq, 10)).length, 0);
  });

  void it('keeps seqs gapless and linked when many transactions append at once', async () => {
    const start = (await store.audit.head()).seq;
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.audit.record([entry(`concurrent-${index}`)])));
    const appended = await store.audit.entriesAfter(start, 100);
    assert.deepEqual(appended.map((item) => item.seq), Array.from({ length: 20 }, (_, index) => start + index + 1));
    for (let index = 1; index < appended.length; index += 1) assert.equal(appended[index]?.prevHash, appended[index - 1]?.hash);
  });

  void it('refuses to update or delete an entry', async () => {
    const db = inspectDatabase(store);
    await assert.rejects(db.updateTable('audit_entries').set({ actor_id: 'mallory@example.com' }).where('seq', '=', 1).execute(), /append-only/);
    await assert.rejects(db.deleteFrom('audit_entries').where('seq', '=', 1).execute(), /retention purge/);
    assert.equal((await store.audit.entriesAfter(0, 1))[0]?.actor.id, 'fran@example.com');
  });
});
