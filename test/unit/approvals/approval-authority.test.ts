import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMajor, limitCovers, missingAuthority, refusalFor, type AuthorityFacts } from '../../../src/approvals/approval-authority.ts';
import type { ApprovalTaskRecord } from '../../../src/store/approval-records.ts';
import { issuesOf, workflowYaml } from '../definition/definition-test-helpers.ts';

const task = (overrides: Partial<ApprovalTaskRecord> = {}): ApprovalTaskRecord => ({
  id: 'apt_1',
  runId: 'run_1',
  stepPath: 'finance',
  visit: 1,
  workflowId: 'refund',
  title: 'Finance approval',
  assigneeTeam: 'finance',
  approvers: ['fran@example.com', 'frank@example.com'],
  quorum: 'any',
  requireCommentOnReject: false,
  form: null,
  requestId: null,
  requester: null,
  status: 'pending',
  dueAt: null,
  outcome: null,
  createdAt: new Date(0),
  decidedAt: null,
  stake: { amount: 6000, currency: 'usd' },
  leadsTo: null,
  ...overrides,
});

const facts = (overrides: Partial<AuthorityFacts> = {}): AuthorityFacts => ({
  policy: { distinctApprovers: true, authorCannotApprove: true },
  publishedBy: null,
  limits: new Map([
    ['fran@example.com', { amount: 5000, currency: 'usd' }],
    ['frank@example.com', null],
  ]),
  otherDecisions: [],
  ...overrides,
});

void describe('approval authority rules', () => {
  void it('a limit covers a stake in its currency up to its amount; no limit or no stake means no cap', () => {
    assert.equal(limitCovers({ amount: 6000, currency: 'usd' }, { amount: 6000, currency: 'usd' }), true);
    assert.equal(limitCovers({ amount: 5999.99, currency: 'usd' }, { amount: 6000, currency: 'usd' }), false);
    assert.equal(limitCovers({ amount: 9000, currency: 'eur' }, { amount: 6000, currency: 'usd' }), false);
    assert.equal(limitCovers(null, { amount: 1e9, currency: 'usd' }), true);
    assert.equal(limitCovers({ amount: 1, currency: 'usd' }, null), true);
    assert.equal(formatMajor({ amount: 6000, currency: 'usd' }), '6,000 USD');
  });

  void it('refuses a limit below the stake, naming both; a member without a limit decides', () => {
    assert.deepEqual(refusalFor(task(), facts(), { by: 'fran@example.com', onBehalfOf: null })?.code, 'approval_authority_exceeded');
    assert.match(refusalFor(task(), facts(), { by: 'fran@example.com', onBehalfOf: null })?.message ?? '', /up to 5,000 USD; this task is about 6,000 USD/);
    assert.equal(refusalFor(task(), facts(), { by: 'frank@example.com', onBehalfOf: null }), null);
    // A delegate decides with the authority of the approver they decide for.
    assert.equal(refusalFor(task(), facts(), { by: 'dana@example.com', onBehalfOf: 'fran@example.com' })?.code, 'approval_authority_exceeded');
  });

  void it('one person decides one step of a run, as themself or as a delegate; the policy may allow more', () => {
    const earlier = { otherDecisions: [{ stepPath: 'csm', title: 'CSM review', by: 'dana@example.com', onBehalfOf: 'frank@example.com' }] };
    assert.equal(refusalFor(task(), facts(earlier), { by: 'frank@example.com', onBehalfOf: null })?.code, 'separation_of_duties');
    assert.match(refusalFor(task(), facts(earlier), { by: 'dana@example.com', onBehalfOf: 'frank@example.com' })?.message ?? '', /dana@example.com already decided "CSM review" \(step csm\)/);
    const relaxed = { ...earlier, policy: { distinctApprovers: false, authorCannotApprove: true } };
    assert.equal(refusalFor(task(), facts(relaxed), { by: 'frank@example.com', onBehalfOf: null }), null);
  });

  void it('the author of the running version cannot decide unless the policy allows it', () => {
    assert.equal(refusalFor(task(), facts({ publishedBy: 'frank@example.com' }), { by: 'frank@example.com', onBehalfOf: null })?.code, 'author_cannot_approve');
    assert.equal(refusalFor(task(), facts({ publishedBy: 'frank@example.com', policy: { distinctApprovers: true, authorCannotApprove: false } }), { by: 'frank@example.com', onBehalfOf: null }), null);
  });

  void it('says why to the one who would decide: in the second person, the earlier step by its title, who decided for whom', () => {
    const note = (decision: { by: string; onBehalfOf: string | null; title?: string }, decider: { by: string; onBehalfOf: string | null }) =>
      refusalFor(task(), facts({ otherDecisions: [{ stepPath: 'csm_review', title: 'CSM review', ...decision }] }), decider)?.note;
    const rule = 'in this run; one person decides one approval step of a run.';
    assert.equal(note({ by: 'pat@example.com', onBehalfOf: null }, { by: 'pat@example.com', onBehalfOf: null }), `You decided “CSM review” ${rule}`);
    assert.equal(note({ by: 'dana@example.com', onBehalfOf: 'pat@example.com' }, { by: 'pat@example.com', onBehalfOf: null }), `dana@example.com decided “CSM review” for you ${rule}`);
    assert.equal(note({ by: 'frank@example.com', onBehalfOf: null }, { by: 'dana@example.com', onBehalfOf: 'frank@example.com' }), `frank@example.com, whom you stand in for, decided “CSM review” ${rule}`);
    assert.equal(note({ by: 'bo@example.com', onBehalfOf: 'frank@example.com' }, { by: 'dana@example.com', onBehalfOf: 'frank@example.com' }), `bo@example.com decided “CSM review” for frank@example.com, whom you stand in for, ${rule}`);
    // A task opened when titles were the bare step id.
    assert.equal(note({ by: 'pat@example.com', onBehalfOf: null, title: 'csm_review' }, { by: 'pat@example.com', onBehalfOf: null }), `You decided “Csm review” ${rule}`);

    assert.equal(refusalFor(task(), facts(), { by: 'fran@example.com', onBehalfOf: null })?.note, 'Your approval limit is 5,000 USD; this task is about 6,000 USD.');
    assert.equal(refusalFor(task(), facts(), { by: 'dana@example.com', onBehalfOf: 'fran@example.com' })?.note, 'The approval limit of fran@example.com, whom you stand in for, is 5,000 USD; this task is about 6,000 USD.');
    assert.equal(
      refusalFor(task(), facts({ publishedBy: 'frank@example.com' }), { by: 'frank@example.com', onBehalfOf: null })?.note,
      'You published the workflow version this run follows, and its author does not decide its approvals.',
    );
  });

  void it('says which limit a task needs when no approver has it', () => {
    assert.equal(missingAuthority(task(), facts()), null, 'frank has no cap');
    const low = facts({ limits: new Map([['fran@example.com', { amount: 5000, currency: 'usd' }], ['frank@example.com', { amount: 9000, currency: 'eur' }]]) });
    assert.deepEqual(missingAuthority(task(), low), { amount: 6000, currency: 'usd' });
    assert.equal(missingAuthority(task({ stake: null }), low), null);
  });

  void it('an approval step takes amount and currency together, and checks the amount template', () => {
    const step = (extra: string) => workflowYaml(`  - { id: ok, type: approval, assignee: { team: finance }${extra} }`);
    assert.deepEqual(issuesOf(step(', amount: "{{ refundAmount }}", currency: usd')), []);
    assert.match(JSON.stringify(issuesOf(step(', amount: "{{ refundAmount }}"'))), /`amount` and `currency` go together: add `currency`/);
    assert.notDeepEqual(issuesOf(step(', amount: "{{ refundAmoutn }}", currency: usd')), [], 'an unknown variable in the amount is found');
  });
});
