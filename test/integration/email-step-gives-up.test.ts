// An email.send step whose mail server keeps deferring it: once the step's
// retries are spent, the message is marked failed in the outbox (not left
// "sending" for good), and a step that got through on a retry leaves it sent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { smtpTestSystem } from '../support/smtp-test-system.ts';

const NOTIFY_WORKFLOW = `
kind: Workflow
id: notify
trigger: { type: manual }
steps:
  - id: tell_finance
    type: action
    uses: email.send
    with: { to: finance@example.com, subject: "Refund issued" }
    retry: { attempts: 2, backoff: 10ms, max_delay: 20ms }
  - { id: done, type: end, outcome: Told }
`;

void describe('an email step that gives up', () => {
  const smtp = smtpTestSystem({ definitions: NOTIFY_WORKFLOW });

  const run = async () => {
    const started = await invokeWorkflow(smtp.t.system.app, { workflowId: 'notify', input: {} });
    const finished = await smtp.t.waitForRun(started.id);
    const mails = (await smtp.t.system.app.outbox.list({ runId: started.id })).items;
    assert.equal(mails.length, 1, 'one message, recorded once over both attempts');
    return { finished, mail: mails[0]! };
  };

  void it('deferred (451) on every attempt: the run fails and the message is marked failed with the reason', async () => {
    smtp.receiver.refuseNext(2, 451);
    const { finished, mail } = await run();
    assert.equal(finished.status, 'failed');
    assert.equal(finished.error?.code, 'smtp_451');
    assert.equal(mail.status, 'failed', 'no one will send it any more');
    assert.match(mail.error ?? '', /try later/);
    assert.equal(mail.nextAttemptAt, null);
    assert.equal(smtp.receiver.messages.length, 0);
    assert.deepEqual(await smtp.t.system.mailRetries.tick(), { sent: 0, deferred: 0, failed: 0 }, 'the retry loop leaves it alone');
  });

  void it('deferred once: the retry sends it, and the message is sent', async () => {
    smtp.receiver.refuseNext(1, 451);
    const { finished, mail } = await run();
    assert.equal(finished.status, 'succeeded');
    assert.equal(mail.status, 'sent');
    assert.equal(smtp.receiver.messages.length, 1);
  });
});
