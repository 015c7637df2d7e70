import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/core/clock.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { OperationContext } from '../../src/engine/operation.ts';
import { createEmailOperation, messageIdFor, runMessageIdFor, type EmailSendOutput, type MailLog, type TeamDirectory } from '../../src/connectors/email/index.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { OutboxStore } from '../../src/store/outbox-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { createHttpRequestOperation } from '../../src/connectors/http/http-request-operation.ts';
import { outboundPolicy } from '../../src/connectors/net/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { createTestSystem } from '../support/test-system.ts';

const noTeams: TeamDirectory = { membersOf: () => Promise.resolve(undefined) };

const context = (key: string, runId = 'run_outbox'): OperationContext => ({
  idempotencyKey: key,
  connector: undefined,
  signal: new AbortController().signal,
  runId,
  stepPath: 'notify',
  clock: systemClock,
});

void describe('email.send to the built-in outbox', () => {
  let database: TestDatabase;
  let store: SqlStore;
  let outbox: OutboxStore;

  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile });
    outbox = store.outbox;
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  void it('OutboxStore is a MailLog', () => {
    const log: MailLog = outbox;
    assert.equal(typeof log.recordOnce, 'function');
  });

  void it('stores one row when called twice with the same key, and lists it', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams: noTeams });
    const input = { to: ['a@example.com', 'b@example.com'], subject: 'Approval needed', body: 'Please look.', fields: [{ label: 'Amount', value: '€12.00' }] };
    const first = (await operation.execute(input, context('tg:run_outbox:notify'))) as EmailSendOutput;
    const second = (await operation.execute(input, context('tg:run_outbox:notify'))) as EmailSendOutput;
    assert.equal(first.transport, 'outbox');
    assert.equal(first.status, 'sent');
    assert.equal(second.outbox_id, first.outbox_id);
    assert.equal(second.created, false);
    const page = await outbox.list({ runId: 'run_outbox' });
    assert.equal(page.items.length, 1);
    const [row] = page.items;
    assert.equal(row?.messageId, messageIdFor('tg:run_outbox:notify'));
    assert.deepEqual(row?.to, ['a@example.com', 'b@example.com']);
    assert.deepEqual(row?.cc, []);
    assert.equal(row?.from, 'Tollgate <tollgate@localhost>');
    assert.equal(row?.subject, 'Approval needed');
    assert.match(row?.text ?? '', /Amount: €12\.00/);
    assert.match(row?.html ?? '', /<td[^>]*>€12\.00<\/td>/);
    assert.equal(row?.stepPath, 'notify');
    assert.ok(row?.sentAt instanceof Date);
    assert.deepEqual(await outbox.get(first.outbox_id), row);
    assert.equal(await outbox.get('mail_missing'), undefined);
  });

  void it('pages newest first with a cursor', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams: noTeams, defaultFrom: 'Ops <ops@example.com>' });
    for (const n of [1, 2, 3]) {
      await operation.execute({ to: 'x@example.com', subject: `Paged ${n}` }, context(`tg:run_paged:${n}`, 'run_paged'));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await outbox.list({ runId: 'run_paged', limit: 2 });
    assert.deepEqual(first.items.map((item) => item.subject), ['Paged 3', 'Paged 2']);
    assert.equal(first.items[0]?.from, 'Ops <ops@example.com>');
    assert.ok(first.nextCursor);
    const second = await outbox.list({ runId: 'run_paged', limit: 2, cursor: first.nextCursor });
    assert.deepEqual(second.items.map((item) => item.subject), ['Paged 1']);
    assert.equal(second.nextCursor, null);
  });
});

void describe('email.send in a workflow', () => {
  void it('emails a team from an action step into the outbox', async () => {
    let outbox: OutboxStore | undefined;
    const mailLog: MailLog = {
      recordOnce: (mail) => outbox!.recordOnce(mail),
      markSent: (id, now) => outbox!.markSent(id, now),
      markFailed: (id, error) => outbox!.markFailed(id, error),
    };
    let teamsOf: TeamDirectory['membersOf'] = () => Promise.resolve(undefined);
    const teams: TeamDirectory = { membersOf: (id) => teamsOf(id) };
    const t = await createTestSystem({ operations: [createHttpRequestOperation({ outbound: outboundPolicy({ allow: 'loopback' }) }), createEmailOperation({ mailLog, teams })] });
    try {
      outbox = t.system.store.outbox;
      teamsOf = async (id) => (await t.system.store.listTeams()).find((team) => team.id === id)?.members;
      await t.apply(`
kind: Team
id: finance
members:
  - { email: fin@example.com, name: Fin }
---
kind: Workflow
id: notify
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: mail
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Refund of {{ amount }} needs approval"
      fields:
        - { label: Amount, value: "{{ amount }}" }
  - id: done
    type: end
    outcome: Notified
`);
      const run = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'notify', input: { amount: 42 } })).id);
      assert.equal(run.status, 'succeeded');
      const output = run.variables.mail as EmailSendOutput;
      // Written in the step's commit, its id starts with the run's, so ids sort as their runs were made.
      assert.equal(output.message_id, runMessageIdFor(run.id, `tg:${run.id}:mail`));
      assert.match(output.message_id, new RegExp(`^<${run.id}\\.[0-9a-f]{32}@tollgate>$`));
      const page = await outbox.list({ runId: run.id });
      assert.deepEqual(page.items.map((item) => [item.subject, item.to]), [['Refund of 42 needs approval', ['"Fin" <fin@example.com>']]]);
      assert.match(page.items[0]?.text ?? '', /^Amount: 42$/m);
    } finally {
      await t.close();
    }
  });
});
