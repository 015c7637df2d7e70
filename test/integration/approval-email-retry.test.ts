// The email that tells approvers a task waits never fails the run: a mail
// server that cannot take it now gets it again later (mail-retry.ts), through
// a real SMTP server; one that refuses it for good, or for a day, leaves it
// failed in the outbox, and the task waits in the inbox either way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { OutboxRecord } from '../../src/store/outbox-store.ts';
import { SIGN_OFF_WORKFLOW } from '../support/sign-off-workflow.ts';
import { smtpTestSystem } from '../support/smtp-test-system.ts';

void describe('the approvers are emailed even when the mail server cannot take it at first', () => {
  const clock = new ManualClock(new Date('2026-12-01T09:00:00Z'));
  const smtp = smtpTestSystem({ definitions: SIGN_OFF_WORKFLOW, clock });

  /** Starts a run, waits until it parks on its task, and gives the task's email as recorded. */
  const parkedWithEmail = async (): Promise<OutboxRecord> => {
    const run = await invokeWorkflow(smtp.t.system.app, { workflowId: 'approve', input: {} });
    const parked = await smtp.t.waitForRun(run.id, { untilStatus: 'waiting' });
    assert.equal(parked.status, 'waiting', 'the run waits on its task, not failed by the email');
    assert.equal((await smtp.t.system.approvals.list({ runId: run.id, limit: 5 })).length, 1, 'the task is open');
    const mails = (await smtp.t.system.app.outbox.list({ runId: run.id })).items;
    assert.equal(mails.length, 1, 'the email is recorded once');
    return mails[0]!;
  };
  const current = async (mail: OutboxRecord) => (await smtp.t.system.app.outbox.get(mail.id))!;
  const awaitingRetry = async () => /^tollgate_emails_awaiting_retry (\d+)$/m.exec((await smtp.t.system.app.metrics.render()).text)?.[1];

  void it('deferred (451) when the task opens: the run waits, and the email goes out once, a minute later', async () => {
    smtp.receiver.refuseNext(1, 451);
    const mail = await parkedWithEmail();
    assert.equal(mail.status, 'sending');
    assert.equal(mail.attempts, 1);
    assert.equal(mail.nextAttemptAt?.toISOString(), '2026-12-01T09:01:00.000Z');
    assert.match(mail.error ?? '', /451|try later/);
    assert.equal(smtp.receiver.messages.length, 0);
    assert.equal(await awaitingRetry(), '1', '/metrics counts it');

    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 0, deferred: 0, failed: 0 }, 'not due yet');
    clock.advance(60_000);
    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 1, deferred: 0, failed: 0 });
    assert.equal(smtp.receiver.messages.length, 1);
    assert.deepEqual(smtp.receiver.messages[0]?.envelopeTo, ['fran@example.com']);
    assert.equal(smtp.receiver.messages[0]?.parsed.messageId, mail.messageId, 'the Message-ID recorded first');
    assert.equal(smtp.receiver.messages[0]?.parsed.subject, 'Approval needed: Sign off');
    const sent = await current(mail);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.nextAttemptAt, null);
    assert.equal(sent.error, null);
    assert.equal(await awaitingRetry(), '0');

    clock.advance(3_600_000);
    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 0, deferred: 0, failed: 0 }, 'nothing is sent twice');
    assert.equal(smtp.receiver.messages.length, 1);
  });

  void it('deferred again, it waits twice as long each time; after a day it is marked failed', async () => {
    smtp.receiver.refuseNext(100, 451);
    const mail = await parkedWithEmail();
    clock.advance(60_000);
    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 0, deferred: 1, failed: 0 });
    const deferred = await current(mail);
    assert.equal(deferred.attempts, 2);
    assert.equal(deferred.nextAttemptAt?.getTime(), clock.now().getTime() + 120_000);

    clock.advance(24 * 3_600_000);
    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 0, deferred: 0, failed: 1 });
    const failed = await current(mail);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.nextAttemptAt, null);
    assert.match(failed.error ?? '', /^not delivered within a day, after 3 tries; last: /);
    assert.equal(smtp.receiver.messages.length, 0);
  });

  void it('refused for good (550): failed at once and not tried again; the run still waits on its task', async () => {
    smtp.receiver.refuseNext(1, 550);
    const mail = await parkedWithEmail();
    assert.equal(mail.status, 'failed');
    assert.equal(mail.nextAttemptAt, null);
    clock.advance(3_600_000);
    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 0, deferred: 0, failed: 0 });
    assert.equal(smtp.receiver.messages.length, 0);
  });
});
