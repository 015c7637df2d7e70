// Connectors, teams and (for the intake) workflows are kept in memory per store;
// a change made through another store (another process) on the same database
// is seen all the same.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkflowDocument } from '../../src/definition/schema.ts';
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
    await writer.upsertTeam({ id: 'ops', title: 'Ops', description: null, members: [{ email: 'ann@example.com', name: 'Ann', approvalLimit: null }], now });
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
    await writer.upsertTeam({ id: 'ops', title: 'Ops', description: null, members: [{ email: 'bob@example.com', name: 'Bob', approvalLimit: null }], now });
    await pollUntil(async () => (await reader.getTeam('ops'))?.members[0]?.email, (email) => email === 'bob@example.com', { what: 'the reader to see the changed team' });
  });

  const definition = { kind: 'Workflow', id: 'listener', trigger: { type: 'event', event: 'charge.refunded' }, steps: [{ id: 'done', type: 'end', outcome: 'Done' }] } as unknown as WorkflowDocument;
  const statusOf = async (store: SqlStore) => (await store.listWorkflows({ cached: true })).find((workflow) => workflow.id === 'listener')?.status;

  void it('reads the workflows once while nothing changes, and sees a workflow drafted, published and archived through another store', async () => {
    await writer.saveDraft({ id: 'listener', title: 'Listener', definition, hash: 'h1', triggerType: 'event', now });
    await pollUntil(() => statusOf(reader), (status) => status === 'draft', { what: 'the reader to see the new workflow' });
    readerStatements.reset();
    for (let index = 0; index < 20; index += 1) assert.equal(await statusOf(reader), 'draft');
    const reads = readerStatements.breakdown().filter((entry) => /from "workflows"/.test(entry.sql));
    assert.ok(reads.every((entry) => entry.count === 0), `no read of the workflows while nothing changed: ${JSON.stringify(reads)}`);
    await writer.publish({ id: 'listener', annotation: null, activate: true, now });
    await pollUntil(() => statusOf(reader), (status) => status === 'active', { what: 'the reader to see the workflow published and active' });
    await writer.setWorkflowStatus({ id: 'listener', status: 'archived', now });
    await pollUntil(() => statusOf(reader), (status) => status === 'archived', { what: 'the reader to see the workflow archived' });
    assert.equal((await reader.listWorkflows()).find((workflow) => workflow.id === 'listener')?.status, 'archived', 'uncached, the same');
  });

  void it('reads the connectors\' stored variables once while nothing changes, and sees one set through another store, or through itself at once', async () => {
    const sealedOf = async (store: SqlStore) => (await store.connectorSecrets.sealedOf('partner')).get('TOKEN');
    await writer.connectorSecrets.put({ connectorId: 'partner', name: 'TOKEN', sealed: 'sealed-one', updatedBy: null, now });
    await pollUntil(() => sealedOf(reader), (sealed) => sealed === 'sealed-one', { what: 'the reader to see the stored variable' });
    readerStatements.reset();
    for (let index = 0; index < 20; index += 1) assert.equal(await sealedOf(reader), 'sealed-one');
    const reads = readerStatements.breakdown().filter((entry) => /from "connector_secrets"/.test(entry.sql));
    assert.deepEqual(reads, [], 'no read of connector_secrets while nothing changed (a webhook delivery opens its signing secrets from memory)');
    await writer.connectorSecrets.put({ connectorId: 'partner', name: 'TOKEN', sealed: 'sealed-two', updatedBy: null, now });
    await pollUntil(() => sealedOf(reader), (sealed) => sealed === 'sealed-two', { what: 'the reader to see the variable set through another store' });
    await reader.connectorSecrets.put({ connectorId: 'partner', name: 'TOKEN', sealed: 'sealed-three', updatedBy: null, now });
    assert.equal(await sealedOf(reader), 'sealed-three', 'set here, seen here at once');
    assert.equal((await reader.connectorSecrets.sealedOf('nobody')).size, 0);
  });

  void it('sees its own change at once', async () => {
    await reader.upsertConnector({ id: 'partner', type: 'http', title: null, config: { url: 'https://three.example.com' }, now });
    assert.equal((await reader.listConnectors())[0]?.config.url, 'https://three.example.com');
    await reader.setWorkflowStatus({ id: 'listener', status: 'active', now });
    assert.equal(await statusOf(reader), 'active', 'a workflow activated here is seen here at once');
  });
});
