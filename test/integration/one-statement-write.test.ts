// On PostgreSQL the intake writes a batch of new events, their matches and runs as ONE statement, its own
// transaction (store/postgres/one-statement-write.ts): one round trip where BEGIN, the inserts and COMMIT
// took five. What one statement cannot do (an event stored before, a read, an update) is written in a
// transaction as before, with nothing of the first try left behind. SQLite has no round trips to save.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { EventStore, type ReceivedEvent } from '../../src/store/event-store.ts';
import { insertTogether } from '../../src/store/insert-together.ts';
import { preparedInsert } from '../../src/store/prepared-insert.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { suiteDatabase, testDialect } from '../support/test-database.ts';

function received(id: string): ReceivedEvent {
  return { id, type: 'payment_intent.succeeded', account: null, connectorId: 'stripe', livemode: false, created: 1_700_000_000, payload: { id }, source: 'webhook', receivedAt: new Date(1_700_000_000_000) };
}

const unmatched = (id: string) => ({ event: received(id), matches: [{ workflowId: 'wf_none', run: null, reason: 'condition_false' }] });

const insertCursors = preparedInsert<{ name: string; value: string; updated_at: number }>((db, rows) => db.insertInto('cursors').values(rows));

void describe('writes as one statement', () => {
  const statements = new StatementCounter();
  const suite = suiteDatabase({ statementCounter: statements });
  beforeEach(() => statements.reset());

  const storedEvents = async (ids: string[]) =>
    (await suite.db.selectFrom('stripe_events').select('id').where('id', 'in', ids).orderBy('id').execute()).map((row) => row.id);
  const matchesOf = async (id: string) => (await suite.db.selectFrom('event_matches').select('workflow_id').where('event_id', '=', id).execute()).length;
  const cursors = async (names: string[]) => (await suite.db.selectFrom('cursors').select('name').where('name', 'in', names).execute()).length;

  void it('stores a batch of new events with their matches in one statement on PostgreSQL, in a transaction on SQLite', async () => {
    const events = new EventStore(suite.database);
    const recorded = await events.record([unmatched('evt_one_a'), unmatched('evt_one_b')]);
    const sent = statements.breakdown().map((entry) => entry.sql.split(' ')[0]?.toLowerCase());
    assert.deepEqual(recorded.fresh, [true, true]);
    assert.deepEqual(await storedEvents(['evt_one_a', 'evt_one_b']), ['evt_one_a', 'evt_one_b']);
    assert.equal(await matchesOf('evt_one_a'), 1);
    if (testDialect() === 'postgres') assert.deepEqual(sent, ['with'], 'one statement: the events and their matches, no BEGIN or COMMIT');
    else assert.ok(sent.includes('begin') && sent.includes('commit'), sent.join(', '));
  });

  void it('writes a batch that holds an event stored before in a transaction: the old event changes nothing, the new one is stored', async () => {
    const events = new EventStore(suite.database);
    await events.record([unmatched('evt_again')]);
    statements.reset();
    const recorded = await events.record([unmatched('evt_again'), unmatched('evt_new')]);
    const sent = statements.breakdown().map((entry) => entry.sql.split(' ')[0]?.toLowerCase());
    assert.deepEqual(recorded.fresh, [false, true]);
    assert.equal(await matchesOf('evt_again'), 1, 'the stored event got no second match');
    assert.equal(await matchesOf('evt_new'), 1);
    if (testDialect() === 'postgres') {
      assert.ok(sent.includes('with') && sent.includes('begin'), `the one statement was refused on the event's key, then the transaction wrote the batch: ${sent.join(', ')}`);
    }
  });

  void it('stores an event the batch holds twice once, the first of the two', async () => {
    const events = new EventStore(suite.database);
    const recorded = await events.record([unmatched('evt_twice'), unmatched('evt_twice')]);
    assert.deepEqual(recorded.fresh, [true, false]);
    assert.equal(await matchesOf('evt_twice'), 1);
  });

  void it('writes nothing and answers undefined when the write needs a read, an insert built on the spot, or a refused key', { skip: testDialect() !== 'postgres' }, async () => {
    const write = suite.database.writeAsOneStatement;
    assert.ok(write !== undefined);
    const row = (name: string) => ({ name, value: 'v', updated_at: 1 });
    const read = await write(async (recorder) => {
      await insertCursors.execute(recorder, [row('cursor_before_read')]);
      return sql`select 1`.execute(recorder);
    });
    const built = await write(async (recorder) => {
      await insertCursors.execute(recorder, [row('cursor_before_built')]);
      await recorder.insertInto('cursors').values(row('cursor_built')).execute();
    });
    await insertCursors.execute(suite.db, [row('cursor_taken')]);
    const refused = await write((recorder) => insertTogether(recorder, [...insertCursors.compile(recorder, [row('cursor_fresh')]), ...insertCursors.compile(recorder, [row('cursor_taken')])]));
    assert.deepEqual([read, built, refused], [undefined, undefined, undefined]);
    assert.equal(await cursors(['cursor_before_read', 'cursor_before_built', 'cursor_built', 'cursor_fresh']), 0, 'nothing of a refused write was sent');
    const written = await write((recorder) => insertTogether(recorder, [...insertCursors.compile(recorder, [row('cursor_x')]), ...insertCursors.compile(recorder, [row('cursor_y')])]).then(() => 'done'));
    assert.deepEqual(written, { value: 'done' });
    assert.equal(await cursors(['cursor_x', 'cursor_y']), 2);
  });

  void it('sends the workers\' wake-up in the same statement, delivered when it commits', { skip: testDialect() !== 'postgres' }, async () => {
    const { database } = suite;
    let woken: () => void = () => undefined;
    const wakeUp = new Promise<void>((resolve) => (woken = resolve));
    const stopListening = await database.listenForWork({ work: () => woken() });
    try {
      statements.reset();
      const written = await database.writeAsOneStatement?.(async (recorder) => {
        await insertCursors.execute(recorder, [{ name: 'cursor_woken', value: 'v', updated_at: 1 }]);
        await database.notifyWork(recorder);
      });
      assert.ok(written !== undefined, 'written as one statement');
      assert.deepEqual(statements.breakdown().map((entry) => entry.sql.split(' ')[0]), ['with'], 'the insert and the wake-up in one statement');
      // No clock of its own: a wake-up that never comes fails at the runner's timeout, however busy the machine.
      await wakeUp;
      assert.equal(await cursors(['cursor_woken']), 1);
    } finally {
      await stopListening();
    }
  });

  void it('has no one-statement write on SQLite', { skip: testDialect() !== 'sqlite' }, () => {
    assert.equal(suite.database.writeAsOneStatement, undefined);
  });
});
