// A multi-row insert built once per row count (on PostgreSQL once, the rows going as one JSON value) and run with
// new rows does what the same insert built each time does, on both dialects: every row's values in place, what it
// returns in order, its conflict clause kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { insertTogether } from '../../src/store/insert-together.ts';
import { preparedInsert } from '../../src/store/prepared-insert.ts';
import { ROWS_PER_STATEMENT } from '../../src/store/multi-row.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { suiteDatabase, testDialect } from '../support/test-database.ts';

interface TeamRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

const insertTeams = preparedInsert<TeamRow>((db, rows) => db.insertInto('teams').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id'));
const insertMembers = preparedInsert<{ team_id: string; email: string; name: string | null }>((db, rows) => db.insertInto('team_members').values(rows));
const insertPlainTeams = preparedInsert<TeamRow>((db, rows) => db.insertInto('teams').values(rows));
const team = (id: string, at = 1): TeamRow => ({ id, title: `Team ${id}`, created_at: at, updated_at: at });

void describe('prepared multi-row inserts', () => {
  const statements = new StatementCounter();
  const db = suiteDatabase({ statementCounter: statements });

  void it('writes each call’s rows with one text per row count (PostgreSQL: one text), and returns what was inserted', async () => {
    assert.deepEqual(await insertTeams.execute(db.db, [team('a', 1), team('b', 2)]), [{ id: 'a' }, { id: 'b' }]);
    const returned = await db.transaction((trx) => insertTeams.execute(trx, [team('c', 3), team('a', 9)]));
    assert.deepEqual(returned, [{ id: 'c' }], 'the conflict clause is kept: a stored id is left alone and not returned');
    assert.deepEqual(await insertTeams.execute(db.db, [team('d', 4)]), [{ id: 'd' }]);
    assert.deepEqual(await insertTeams.execute(db.db, []), []);
    const rows = await db.db.selectFrom('teams').select(['id', 'title', 'created_at']).orderBy('id').execute();
    assert.deepEqual(rows.map((row) => [row.id, row.title, Number(row.created_at)]), [['a', 'Team a', 1], ['b', 'Team b', 2], ['c', 'Team c', 3], ['d', 'Team d', 4]]);
    const texts = statements.breakdown().filter((entry) => entry.sql.startsWith('insert into "teams"'));
    if (testDialect() === 'postgres') {
      assert.deepEqual(texts.map((entry) => entry.count), [3], 'one text for any number of rows');
      assert.match(texts[0]?.sql ?? '', /json_populate_recordset\(null::"teams", \$1::json\) on conflict \("id"\) do nothing returning "id"$/);
    } else {
      assert.deepEqual(texts.map((entry) => entry.count).sort(), [1, 2], 'two rows twice, one row once');
    }
  });

  void it('stores every kind of text as it is; on PostgreSQL, half a surrogate pair as U+FFFD, as a bound text value was', async () => {
    const titles = ['quote " backslash \\ tab \t line\nbreak', 'emoji 💸 and ünïcödé', '{"json":"as text"}', '\\ud800 is not an escape here'];
    await insertPlainTeams.execute(db.db, titles.map((title, index) => ({ ...team(`text-${index}`), title })));
    const rows = await db.db.selectFrom('teams').select('title').where('id', 'like', 'text-%').orderBy('id').execute();
    assert.deepEqual(rows.map((row) => row.title), titles);
    if (testDialect() !== 'postgres') return; // better-sqlite3 writes the half's own bytes, which read back as three U+FFFD
    await insertPlainTeams.execute(db.db, [{ ...team('half-pair'), title: 'half \ud800 pair' }]);
    const stored = await db.db.selectFrom('teams').select('title').where('id', '=', 'half-pair').executeTakeFirst();
    assert.equal(stored?.title, 'half \ufffd pair');
  });

  void it('splits more rows than one statement takes', async () => {
    const many = Array.from({ length: ROWS_PER_STATEMENT + 3 }, (_, index) => team(`many-${String(index).padStart(4, '0')}`));
    const returned = await insertTeams.execute(db.db, many);
    assert.deepEqual(returned, many.map((row) => ({ id: row.id })));
  });

  void it('refuses a row without a value for a column, or with other columns, and writes none of the statement', async () => {
    await assert.rejects(insertTeams.execute(db.db, [team('e'), { ...team('f'), title: undefined } as unknown as TeamRow]), /row 1 has no value for "title"/);
    await assert.rejects(insertTeams.execute(db.db, [team('g'), { ...team('h'), extra: 1 } as TeamRow]), /row 1 has other columns/);
    const written = await db.db.selectFrom('teams').select('id').where('id', 'in', ['e', 'f', 'g', 'h']).execute();
    assert.deepEqual(written, []);
  });

  void it('runs inserts together, on PostgreSQL as one statement: every value in its place', async () => {
    const before = statements.breakdown().reduce((sum, entry) => sum + entry.count, 0);
    await db.transaction((trx) =>
      insertTogether(trx, [
        ...insertPlainTeams.compile(trx, [team('x1', 21), team('x2', 22)]),
        ...insertMembers.compile(trx, [{ team_id: 'x1', email: 'pat@example.com', name: 'Pat' }, { team_id: 'x2', email: 'sam@example.com', name: null }]),
        ...insertMembers.compile(trx, [{ team_id: 'x2', email: 'lee@example.com', name: 'Lee' }]),
      ]),
    );
    const sent = statements.breakdown().reduce((sum, entry) => sum + entry.count, 0) - before;
    assert.equal(sent, testDialect() === 'postgres' ? 3 : 5, 'PostgreSQL: begin, one statement, commit; SQLite: one per insert');
    const teams = await db.db.selectFrom('teams').select(['id', 'title', 'created_at']).where('id', 'in', ['x1', 'x2']).orderBy('id').execute();
    assert.deepEqual(teams.map((row) => [row.id, row.title, Number(row.created_at)]), [['x1', 'Team x1', 21], ['x2', 'Team x2', 22]]);
    const members = await db.db.selectFrom('team_members').select(['team_id', 'email', 'name']).where('team_id', 'in', ['x1', 'x2']).orderBy('email').execute();
    assert.deepEqual(members, [
      { team_id: 'x2', email: 'lee@example.com', name: 'Lee' },
      { team_id: 'x1', email: 'pat@example.com', name: 'Pat' },
      { team_id: 'x2', email: 'sam@example.com', name: null },
    ]);
  });

  void it('writes nothing of inserts run together when one fails', async () => {
    await assert.rejects(
      db.transaction((trx) => insertTogether(trx, [...insertPlainTeams.compile(trx, [team('y1')]), ...insertMembers.compile(trx, [{ team_id: 'nowhere', email: 'a@example.com', name: null }])])),
    );
    assert.deepEqual(await db.db.selectFrom('teams').select('id').where('id', '=', 'y1').execute(), []);
  });
});
