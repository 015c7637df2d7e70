// A batch of step commits holds its journal and outbox rows and writes them with one multi-row statement
// per table before it commits (store/step-commit/held-rows.ts): the journal must read and end as if each
// row had been written in its turn, on both dialects.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Insertable } from 'kysely';
import { AttemptStatus, OutboxStatus } from '../../src/core/statuses.ts';
import type { StepAttemptsTable } from '../../src/store/database-schema.ts';
import { outboxRow } from '../../src/store/outbox-store.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { holdJournalRow, holdOutboxRow, holdRows, writeHeldRows } from '../../src/store/step-commit/held-rows.ts';
import { latestVisit } from '../../src/store/work-queue-queries.ts';
import { suiteDatabase, testDialect } from '../support/test-database.ts';

function attempt(runId: string, stepPath: string, values: Partial<Insertable<StepAttemptsTable>> = {}): Insertable<StepAttemptsTable> {
  return {
    run_id: runId,
    step_path: stepPath,
    visit: 1,
    attempt: 1,
    step_id: stepPath,
    step_type: 'action',
    position: 1,
    status: AttemptStatus.succeeded,
    input: null,
    output: null,
    error: null,
    started_at: 10,
    finished_at: 11,
    ...values,
  };
}

function mail(messageId: string, subject: string) {
  return outboxRow({
    id: `mail_${messageId}_${subject}`,
    messageId,
    runId: 'run_mail',
    stepPath: 'email',
    transport: 'outbox',
    status: OutboxStatus.sent,
    from: 'tollgate@example.com',
    to: ['pat@example.com'],
    cc: [],
    replyTo: null,
    subject,
    text: 'body',
    html: '<p>body</p>',
    now: new Date(5),
  });
}

void describe('rows held by a batch of step commits', () => {
  const statements = new StatementCounter();
  const db = suiteDatabase({ statementCounter: statements });
  beforeEach(() => statements.reset());

  // Statements that insert into `table`: on PostgreSQL the batch's inserts go as one statement (insert-together.ts).
  const inserts = (table: string) => statements.breakdown().filter((entry) => entry.sql.includes(`insert into "${table}"`)).reduce((sum, entry) => sum + entry.count, 0);
  const journalOf = (runId: string) => db.db.selectFrom('step_attempts').selectAll().where('run_id', '=', runId).orderBy('step_path').orderBy('visit').execute();

  void it('writes the journal rows and the mails of a batch with one statement per table, a Message-ID once', async () => {
    await db.transaction(async (trx) => {
      holdRows(trx);
      for (const runId of ['run_a', 'run_b', 'run_c']) holdJournalRow(trx, attempt(runId, 'email'));
      holdOutboxRow(trx, mail('<one@tollgate>', 'first'));
      holdOutboxRow(trx, mail('<two@tollgate>', 'second'));
      holdOutboxRow(trx, mail('<one@tollgate>', 'again'));
      assert.equal(inserts('step_attempts') + inserts('outbox'), 0, 'held, not written yet');
      await writeHeldRows(trx);
    });
    assert.equal(inserts('step_attempts'), 1);
    assert.equal(inserts('outbox'), 1);
    const written = statements.breakdown().filter((entry) => entry.sql.includes('insert into')).reduce((sum, entry) => sum + entry.count, 0);
    assert.equal(written, testDialect() === 'postgres' ? 1 : 2, 'PostgreSQL: one statement (one round trip); SQLite: one per table');
    for (const runId of ['run_a', 'run_b', 'run_c']) assert.equal((await journalOf(runId)).length, 1, runId);
    const mails = await db.db.withTables<{ outbox: { message_id: string; subject: string } }>().selectFrom('outbox').select(['message_id', 'subject']).orderBy('message_id').execute();
    assert.deepEqual(mails, [
      { message_id: '<one@tollgate>', subject: 'first' },
      { message_id: '<two@tollgate>', subject: 'second' },
    ]);
  });

  void it('completes an attempt written twice as the upsert does: its first position and start kept, held or stored', async () => {
    await db.transaction(async (trx) => {
      holdRows(trx);
      holdJournalRow(trx, attempt('run_twice', 'approve', { status: AttemptStatus.waiting, position: 1, started_at: 10, finished_at: null }));
      holdJournalRow(trx, attempt('run_twice', 'approve', { status: AttemptStatus.succeeded, position: 2, started_at: 20, output: '{"ok":true}', finished_at: 30 }));
      holdJournalRow(trx, attempt('run_stored', 'approve', { status: AttemptStatus.waiting, position: 4, started_at: 40, finished_at: null }));
      await writeHeldRows(trx);
    });
    await db.transaction(async (trx) => {
      holdRows(trx);
      holdJournalRow(trx, attempt('run_stored', 'approve', { status: AttemptStatus.succeeded, position: 9, started_at: 90, finished_at: 91 }));
      await writeHeldRows(trx);
    });
    const [twice] = await journalOf('run_twice');
    assert.deepEqual([twice?.status, Number(twice?.position), Number(twice?.started_at), twice?.output, Number(twice?.finished_at)], [AttemptStatus.succeeded, 1, 10, '{"ok":true}', 30]);
    const [stored] = await journalOf('run_stored');
    assert.deepEqual([stored?.status, Number(stored?.position), Number(stored?.started_at), Number(stored?.finished_at)], [AttemptStatus.succeeded, 4, 40, 91]);
  });

  void it('writes the held rows before the journal is read for one of their steps, and only then', async () => {
    const visits = await db.transaction(async (trx) => {
      holdRows(trx);
      holdJournalRow(trx, attempt('run_loop', 'check', { visit: 1 }));
      holdJournalRow(trx, attempt('run_loop', 'check', { visit: 2, position: 2 }));
      const other = await latestVisit(trx, 'run_loop', 'notify');
      const writtenBefore = inserts('step_attempts');
      const check = await latestVisit(trx, 'run_loop', 'check');
      await writeHeldRows(trx);
      return { other, writtenBefore, check };
    });
    assert.deepEqual(visits, { other: 0, writtenBefore: 0, check: 2 });
    assert.equal(inserts('step_attempts'), 1, 'the second write found nothing left to write');
  });

  void it('refuses to hold a row in a transaction that did not ask: it would never be written', async () => {
    await db.transaction(async (trx) => {
      assert.throws(() => holdJournalRow(trx, attempt('run_direct', 'email')), /only in a transaction opened by commitSteps/);
      assert.throws(() => holdOutboxRow(trx, mail('<three@tollgate>', 'third')), /only in a transaction opened by commitSteps/);
      await writeHeldRows(trx);
    });
    assert.equal((await journalOf('run_direct')).length, 0);
  });
});
