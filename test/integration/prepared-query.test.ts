// A statement compiled once and run with new values does what the same statement built each time does,
// on both dialects, inside and outside transactions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preparedQuery } from '../../src/store/prepared-query.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { suiteDatabase } from '../support/test-database.ts';

const insertTeam = preparedQuery<'id' | 'title' | 'at', never>((db, param) =>
  db.insertInto('teams').values({ id: param('id'), title: param('title'), created_at: param('at'), updated_at: param('at') }),
);
const renameTeam = preparedQuery<'id' | 'title', { id: string; title: string; updated_at: number }>((db, param) =>
  db.updateTable('teams').set({ title: param('title'), updated_at: 7 }).where('id', '=', param('id')).returning(['id', 'title', 'updated_at']),
);
const teamsFrom = preparedQuery<'from', { id: string }>((db, param) => db.selectFrom('teams').select('id').where('id', '>=', param('from')).orderBy('id'));

void describe('prepared queries', () => {
  const statements = new StatementCounter();
  const db = suiteDatabase({ statementCounter: statements });

  void it('runs one compiled statement with each call’s values, constants kept, in and out of transactions', async () => {
    await insertTeam.execute(db.db, { id: 'team-b', title: 'B', at: 1 });
    await db.transaction(async (trx) => {
      await insertTeam.execute(trx, { id: 'team-c', title: 'C', at: 2 });
      await insertTeam.execute(trx, { id: 'team-a', title: 'A', at: 3 });
    });
    const renamed = await db.transaction((trx) => renameTeam.execute(trx, { id: 'team-c', title: 'Sea' }));
    assert.deepEqual(renamed.rows, [{ id: 'team-c', title: 'Sea', updated_at: 7 }]);
    assert.deepEqual((await teamsFrom.execute(db.db, { from: 'team-b' })).rows.map((row) => row.id), ['team-b', 'team-c']);
    assert.deepEqual((await teamsFrom.execute(db.db, { from: 'team-a' })).rows.map((row) => row.id), ['team-a', 'team-b', 'team-c']);
    const built = await db.db.selectFrom('teams').select(['id', 'title', 'created_at']).orderBy('id').execute();
    assert.deepEqual(built.map((row) => [row.id, row.title, Number(row.created_at)]), [['team-a', 'A', 3], ['team-b', 'B', 1], ['team-c', 'Sea', 2]]);
    // One SQL text per statement, whatever the values: compiled once.
    const inserts = statements.breakdown().filter((entry) => entry.sql.startsWith('insert into "teams"'));
    assert.deepEqual(inserts.map((entry) => entry.count), [3]);
  });

  void it('names a value the call left out', async () => {
    await assert.rejects(teamsFrom.execute(db.db, {} as { from: string }), /needs a value for "from"/);
  });
});
