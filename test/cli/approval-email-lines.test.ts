import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { approvalEmailLines } from '../../src/cli/approval-review-text.ts';
import type { ApprovalEmailView } from '../../src/cli/catalog-views.ts';
import { PLAIN } from '../../src/cli/colour.ts';

const mail = (fields: Partial<ApprovalEmailView>): ApprovalEmailView => ({
  id: 'mail_1',
  message_id: '<m@tollgate>',
  run: 'run_1',
  transport: 'smtp',
  status: 'sent',
  from: 'payments@example.com',
  to: ['fran@example.com'],
  cc: [],
  subject: 'Approval needed',
  error: null,
  created_at: '2026-12-05T09:00:00.000Z',
  sent_at: '2026-12-05T09:00:01.000Z',
  next_attempt_at: null,
  kind: 'opened',
  reminder: null,
  ...fields,
});

void describe('approvals show: whether the approvers were emailed', () => {
  void it('says what each told, sent, not delivered yet with the next try and why, and failed', () => {
    const lines = approvalEmailLines(
      [
        mail({}),
        mail({ kind: 'reminder', reminder: 1 }),
        mail({ kind: 'escalated', to: ['chief@example.com'], status: 'sending', sent_at: null, next_attempt_at: '2026-12-05T09:01:00.000Z', error: '451 mailbox busy' }),
        mail({ kind: 'reminder', reminder: 3, to: ['gone@example.com'], status: 'failed', sent_at: null, error: '550 no such user' }),
      ],
      PLAIN,
    );
    assert.equal(lines[1], 'approvers emailed');
    assert.match(lines[2] ?? '', /^ {2}first notice to fran@example\.com: sent 2026-12-05/);
    assert.match(lines[3] ?? '', /^ {2}reminder 1 to fran@example\.com: sent 2026-12-05/);
    assert.match(lines[4] ?? '', /^ {2}escalation to chief@example\.com: not delivered yet, next try 2026-12-05.* \(451 mailbox busy\)$/);
    assert.equal(lines[5], '  reminder 3 to gone@example.com: not delivered, not tried again (550 no such user)');
  });

  void it('says when nobody was emailed', () => {
    assert.deepEqual(approvalEmailLines([], PLAIN), ['', 'approvers emailed  none: the approvers find the task in their inbox']);
  });
});
