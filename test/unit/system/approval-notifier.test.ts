import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messageIdFor } from '../../../src/connectors/email/index.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { PermanentError, TransientError } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { Operation } from '../../../src/engine/operation.ts';
import type { ApprovalTaskRecord } from '../../../src/store/approval-records.ts';
import { emailApprovalNotifier } from '../../../src/system/approval-notifier.ts';

const task: ApprovalTaskRecord = {
  id: 'apt_0123',
  runId: 'run_1',
  stepPath: 'csm_review',
  visit: 1,
  workflowId: 'customer-refund',
  title: 'CSM Review',
  assigneeTeam: 'csm',
  approvers: ['casey@example.com'],
  quorum: 'any',
  requireCommentOnReject: false,
  form: null,
  requestId: null,
  requester: 'rita@example.com',
  status: 'pending',
  dueAt: null,
  outcome: null,
  createdAt: new Date(0),
  decidedAt: null,
  stake: null,
  leadsTo: { step: 'process_refund', summary: 'Refund 25.00 USD on ch_1', target: 'ch_1', amount: { minor: 2500, currency: 'usd' } },
};

/** The input of each email the notifier sends, through an email.send that only records. */
function sentBy(webUrl: (() => string | undefined) | undefined, notified: ApprovalTaskRecord = task): Promise<Record<string, unknown>[]> {
  const sent: Record<string, unknown>[] = [];
  const email = { spec: { name: 'email.send' }, execute: (input: Record<string, unknown>) => Promise.resolve(void sent.push(input)) } as unknown as Operation;
  const notify = emailApprovalNotifier({
    operations: new Map([['email.send', email]]),
    connectors: { resolve: () => Promise.resolve(undefined) },
    clock: new ManualClock(new Date(0)),
    logger: silentLogger,
    mailLog: { retryLater: () => Promise.reject(new Error('no retry expected')) },
    ...(webUrl === undefined ? {} : { webUrl }),
  });
  return notify(notified, 'key').then(() => sent);
}

void describe('the email that tells approvers a task waits', () => {
  void it('says what approving leads to, in the subject and the body, and links to the task in the web app', async () => {
    const [mail] = await sentBy(() => 'https://tollgate.example.com/');
    assert.equal(mail?.subject, 'Approval needed: CSM Review (Refund 25.00 USD on ch_1)');
    assert.match(String(mail?.body), /Approving leads to: Refund 25\.00 USD on ch_1\./);
    assert.match(String(mail?.body), /^Open it: https:\/\/tollgate\.example\.com\/approvals\/apt_0123$/m);
    assert.match(String(mail?.body), /^Or decide with: tollgate approvals decide apt_0123 approve\|reject/m);
    assert.deepEqual((mail?.fields as { label: string }[]).map((field) => field.label), ['Approving leads to', 'Task', 'Workflow', 'Run', 'Requested by']);
  });

  void it('without a web address (a worker of its own, no TOLLGATE_PUBLIC_URL) gives the command alone; without a money step, no "leads to"', async () => {
    for (const webUrl of [undefined, () => undefined]) {
      const [mail] = await sentBy(webUrl, { ...task, leadsTo: null });
      assert.equal(mail?.subject, 'Approval needed: CSM Review');
      assert.doesNotMatch(String(mail?.body), /Open it|leads to/);
      assert.match(String(mail?.body), /^Decide with: tollgate approvals decide apt_0123/m);
    }
  });

  void it('never fails the approval step: a mail server that cannot take it now gets it again in a minute; a refusal for good is only logged', async () => {
    const retries: [string, string, string][] = [];
    const notifierFailingWith = (error: Error) => {
      const email = { spec: { name: 'email.send' }, execute: () => Promise.reject(error) } as unknown as Operation;
      return emailApprovalNotifier({
        operations: new Map([['email.send', email]]),
        connectors: { resolve: () => Promise.resolve(undefined) },
        clock: new ManualClock(new Date('2026-12-01T09:00:00Z')),
        logger: silentLogger,
        mailLog: { retryLater: (messageId, at, reason) => Promise.resolve(void retries.push([messageId, at.toISOString(), reason])) },
      });
    };
    await notifierFailingWith(new TransientError('smtp_connection_failed', 'connect ECONNREFUSED 127.0.0.1:2525'))(task, 'tg:run_1:csm_review:notify');
    assert.deepEqual(retries, [[messageIdFor('tg:run_1:csm_review:notify'), '2026-12-01T09:01:00.000Z', 'connect ECONNREFUSED 127.0.0.1:2525']]);
    await notifierFailingWith(new PermanentError('smtp_550', 'mailbox unavailable'))(task, 'tg:run_1:csm_review:notify');
    assert.equal(retries.length, 1, 'a refusal for good is not tried again');
  });
});
