import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressObject } from 'mailparser';
import { systemClock } from '../../src/core/clock.ts';
import { PermanentError, TransientError } from '../../src/core/errors.ts';
import type { OperationContext } from '../../src/engine/operation.ts';
import { createEmailOperation, messageIdFor, type EmailSendOutput, type TeamDirectory } from '../../src/connectors/email/index.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { OutboxStore } from '../../src/store/outbox-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const teams: TeamDirectory = {
  membersOf: (id) =>
    Promise.resolve(
      id === 'finance'
        ? [
            { email: 'fin@example.com', name: 'Fin Ance' },
            { email: 'cfo@example.com', name: 'C. F. O.' },
          ]
        : undefined,
    ),
};

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((item) => item.value.map((address) => address.address ?? ''));
}

void describe('email.send through SMTP', () => {
  let receiver: SmtpReceiver;
  let database: TestDatabase;
  let store: SqlStore;
  let outbox: OutboxStore;
  let keys = 0;

  const context = (overrides: { key?: string; port?: number } = {}): OperationContext => ({
    idempotencyKey: overrides.key ?? `tg:run_mail:notify${(keys += 1)}`,
    connector: { id: 'mail', type: 'smtp', config: { host: '127.0.0.1', port: overrides.port ?? receiver.port, secure: false, from: 'Payments <payments@example.com>' } },
    signal: new AbortController().signal,
    runId: 'run_mail',
    stepPath: 'notify',
    clock: systemClock,
  });

  before(async () => {
    receiver = await startSmtpReceiver();
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile });
    outbox = store.outbox;
  });
  beforeEach(() => {
    receiver.messages.length = 0;
  });
  after(async () => {
    await receiver.close();
    await store.close();
    await database.drop();
  });

  void it('delivers text and HTML parts, the fields table, team recipients and a stable Message-ID', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams });
    const ctx = context({ key: 'tg:run_mail:notify' });
    const output = (await operation.execute(
      {
        to: ['ops@example.com', { team: 'finance' }],
        cc: { users: ['audit@example.com'] },
        reply_to: 'support@example.com',
        subject: 'Refund issued for <ch_123>',
        body: 'We refunded the charge.\n\nNo action needed.',
        fields: [
          { label: 'Amount', value: '$19.99' },
          { label: 'Reason', value: 'requested_by_customer & <more>' },
        ],
      },
      ctx,
    )) as EmailSendOutput;
    assert.equal(receiver.messages.length, 1);
    const [message] = receiver.messages;
    assert.ok(message);
    const mail = message.parsed;
    assert.equal(mail.subject, 'Refund issued for <ch_123>');
    assert.equal(mail.messageId, messageIdFor('tg:run_mail:notify'));
    assert.equal(output.message_id, mail.messageId);
    assert.deepEqual(addresses(mail.to), ['ops@example.com', 'fin@example.com', 'cfo@example.com']);
    assert.deepEqual(addresses(mail.cc), ['audit@example.com']);
    assert.deepEqual(addresses(mail.replyTo), ['support@example.com']);
    assert.deepEqual(addresses(mail.from), ['payments@example.com']);
    assert.deepEqual([...message.envelopeTo].sort(), ['audit@example.com', 'cfo@example.com', 'fin@example.com', 'ops@example.com']);
    const finance = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value.find((address) => address.address === 'fin@example.com');
    assert.equal(finance?.name, 'Fin Ance');
    assert.equal(mail.text, 'We refunded the charge.\n\nNo action needed.\n\nAmount: $19.99\nReason: requested_by_customer & <more>\n');
    assert.ok(typeof mail.html === 'string');
    assert.match(mail.html, /<th[^>]*>Amount<\/th><td[^>]*>\$19\.99<\/td>/);
    assert.match(mail.html, /<td[^>]*>requested_by_customer &amp; &lt;more&gt;<\/td>/);
    const row = await outbox.getByMessageId(output.message_id);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.transport, 'smtp');
    assert.ok(row?.sentAt instanceof Date);
  });

  void it('delivers one message when the step runs twice with the same idempotency key', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams });
    const ctx = context({ key: 'tg:run_mail:twice' });
    const input = { to: 'ops@example.com', subject: 'Once', body: 'only once' };
    const first = (await operation.execute(input, ctx)) as EmailSendOutput;
    const second = (await operation.execute(input, ctx)) as EmailSendOutput;
    assert.equal(receiver.messages.length, 1);
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(second.status, 'sent');
    assert.equal(second.outbox_id, first.outbox_id);
    assert.equal((await outbox.list({ runId: 'run_mail' })).items.filter((item) => item.messageId === first.message_id).length, 1);
  });

  void it('treats a 4xx reply as transient and sends once on the retry', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams });
    const ctx = context({ key: 'tg:run_mail:deferred' });
    receiver.refuseNext(1, 451);
    await assert.rejects(operation.execute({ to: 'ops@example.com', subject: 'Deferred' }, ctx), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.code, 'smtp_451');
      return true;
    });
    assert.equal((await outbox.getByMessageId(messageIdFor('tg:run_mail:deferred')))?.status, 'sending');
    await operation.execute({ to: 'ops@example.com', subject: 'Deferred' }, ctx);
    assert.equal(receiver.messages.length, 1);
    assert.equal((await outbox.getByMessageId(messageIdFor('tg:run_mail:deferred')))?.status, 'sent');
  });

  void it('treats a 5xx reply as permanent and marks the message failed', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams });
    receiver.refuseNext(1, 550);
    await assert.rejects(operation.execute({ to: 'gone@example.com', subject: 'Refused' }, context({ key: 'tg:run_mail:refused' })), (error: unknown) => {
      assert.ok(error instanceof PermanentError);
      assert.equal(error.code, 'smtp_550');
      assert.equal(error.details?.response_code, 550);
      return true;
    });
    const row = await outbox.getByMessageId(messageIdFor('tg:run_mail:refused'));
    assert.equal(row?.status, 'failed');
    assert.match(row?.error ?? '', /refused/);
  });

  void it('treats a refused connection as transient', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams });
    await assert.rejects(operation.execute({ to: 'ops@example.com', subject: 'Nobody home' }, context({ port: 1 })), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.code, 'smtp_connection_failed');
      return true;
    });
  });

  void it('fails for an unknown team before recording anything', async () => {
    const operation = createEmailOperation({ mailLog: outbox, teams });
    const ctx = context({ key: 'tg:run_mail:noteam' });
    await assert.rejects(operation.execute({ to: { team: 'legal' }, subject: 'Hello' }, ctx), (error: unknown) => error instanceof PermanentError && error.code === 'team_not_found');
    assert.equal(await outbox.getByMessageId(messageIdFor('tg:run_mail:noteam')), undefined);
    assert.equal(receiver.messages.length, 0);
  });
});
