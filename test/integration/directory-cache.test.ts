// Connectors and teams are kept in memory per store; a change made through
// another store (another process) on the same database is seen all the same.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { pollUntil } from '../support/poll-until.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

void describe('the connector and team cache', () => {
  let database: TestDatabase;
  let writer: SqlStore;
  let reader: SqlStore;
  const readerStatements = new StatementCounter();

  before(async () => {
    database = await createTestDatabase();
    writer = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile });
    reader = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, statementCounter: readerStatements });
  });
  after(async () => {
    await reader.close();
    await writer.close();
    await database.drop();
  });

  const now = new Date();

  void it('reads connectors and teams from the database once while nothing changes', async () => {
    await writer.upsertConnector({ id: 'partner', type: 'http', title: null, config: { url: 'https://one.example.com' }, now });
    await writer.upsertTeam({ id: 'ops', title: 'Ops', members: [{ email: 'ann@example.com', name: 'Ann', approvalLimit: null }], now });
    readerStatements.reset();
    for (let index = 0; index < 20; index += 1) {
      assert.deepEqual((await reader.listConnectors()).map((connector) => connector.config.url), ['https://one.example.com']);
      assert.deepEqual((await reader.getTeam('ops'))?.members.map((member) => member.email), ['ann@example.com']);
    }
    const reads = readerStatements.breakdown().filter((entry) => /from "(connectors|teams|team_members)"/.test(entry.sql));
    assert.deepEqual(
      reads.map((entry) => entry.count),
      [1, 1, 1],
      `one read of each table: ${JSON.stringify(reads)}`,
    );
  });

  void it('sees a connector changed through another store', async () => {
    assert.equal((await reader.listConnectors())[0]?.config.url, 'https://one.example.com');
    await writer.upsertConnector({ id: 'partner', type: 'http', title: null, config: { url: 'https://two.example.com' }, now });
    await pollUntil(async () => (await reader.listConnectors())[0]?.config.url, (url) => url === 'https://two.example.com', { what: 'the reader to see the changed connector' });
  });

  void it('sees a team changed through another store', async () => {
    assert.deepEqual((await reader.getTeam('ops'))?.members.map((member) => member.email), ['ann@example.com']);
    await writer.upsertTeam({ id: 'ops', title: 'Ops', members: [{ email: 'bob@example.com', name: 'Bob', approvalLimit: null }], now });
    await pollUntil(async () => (await reader.getTeam('ops'))?.members[0]?.email, (email) => email === 'bob@example.com', { what: 'the reader to see the changed team' });
  });

  void it('sees its own change at once', async () => {
    await reader.upsertConnector({ id: 'partner', type: 'http', title: null, config: { url: 'https://three.example.com' }, now });
    assert.equal((await reader.listConnectors())[0]?.config.url, 'https://three.example.com');
  });
});
