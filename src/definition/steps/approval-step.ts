import { z } from 'zod';
import { fieldSchema } from '../field-schema.ts';
import { isDuration, parseDuration } from '../../core/duration.ts';
import { durationSchema } from '../value-formats.ts';
import { none, stepBaseFields, targetIf, templateSites } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

/** Reminders come no more often than this. */
export const MIN_REMINDER_MS = 15 * 60_000;

const assigneeSchema = z.union([
  z.strictObject({ team: z.string().describe('A team id') }),
  z.strictObject({ users: z.array(z.string()).min(1).describe('User emails') }),
]);

export const approvalStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('approval').describe('approval: wait for people to approve or reject'),
  assignee: assigneeSchema.describe('Who decides: {team: id} or {users: [emails]}'),
  quorum: z.union([z.enum(['any', 'all']), z.number().int().min(1)]).default('any').describe('How many approvals are needed: `any` (one), `all`, or a number'),
  require_comment_on_reject: z.boolean().default(false).describe('True when a rejection must say why'),
  timeout: durationSchema.optional().describe('How long to wait for a decision, e.g. `2d`'),
  on_timeout: z.string().optional().describe('The step to go to when the timeout passes'),
  remind_every: durationSchema
    .optional()
    .describe('Email the approvers again this often while the task waits, e.g. `1d`; at least `15m`. A process that was down sends only the latest reminder it missed'),
  on: z.strictObject({
    approved: z.string().optional().describe('The step to go to when approved'),
    rejected: z.string().optional().describe('The step to go to when rejected'),
  }).optional().describe('Where to go on each decision; default the next step'),
  output: z.string().optional().describe('The variable the decision {decision, comment, by, at} is stored in; default the step id'),
  form: z.array(fieldSchema).optional().describe('Fields the approver fills in; their values are in the output'),
  amount: z
    .union([z.number().positive(), z.string()])
    .optional()
    .describe('What an approval puts at stake, in major units: a number or a template such as `"{{ refundAmount }}"`; approvers whose `approval_limit` is lower cannot decide. Needs `currency`'),
  currency: z.string().optional().describe('The currency of `amount`: a lower-case ISO 4217 code such as `usd`, or a template'),
})
  .refine((step) => step.amount === undefined || step.currency !== undefined, { path: ['currency'], message: '`amount` and `currency` go together: add `currency`' })
  .refine((step) => step.currency === undefined || step.amount !== undefined, { path: ['amount'], message: '`amount` and `currency` go together: add `amount`' })
  .refine((step) => step.remind_every === undefined || !isDuration(step.remind_every) || parseDuration(step.remind_every) >= MIN_REMINDER_MS, {
    path: ['remind_every'],
    message: 'remind at most every 15 minutes: write `15m` or more, e.g. `1d`',
  })
  .meta({ description: 'Creates an approval task for a team or users and waits for its decision (or the timeout).' });
export type ApprovalStep = z.infer<typeof approvalStepSchema>;

/** `on_timeout` names a step, or an action: `reject` or `escalate:TEAM`. */
function timeoutStep(onTimeout: string | undefined): string | undefined {
  return onTimeout === 'reject' || onTimeout?.startsWith('escalate:') === true ? undefined : onTimeout;
}

export const approvalStep: StepDescriptor<ApprovalStep> = {
  targets: (step) => [
    ...targetIf(['on', 'approved'], step.on?.approved),
    ...targetIf(['on', 'rejected'], step.on?.rejected),
    ...targetIf(['on_timeout'], timeoutStep(step.on_timeout)),
  ],
  ignoredNextReason: (step) =>
    step.on?.approved !== undefined && step.on.rejected !== undefined
      ? 'both `on.approved` and `on.rejected` are set, so one of them is always taken'
      : undefined,
  nestedStepLists: none,
  expressionSites: (step) => [...templateSites(step.amount, ['amount']), ...templateSites(step.currency, ['currency'])],
  variables: (step) => [step.output ?? step.id],
  innerVariables: none,
  reference: {
    notes:
      'Its output is `{decision, comment, by, at, task}` plus the values of its `form`; `decision` is `approved`, `rejected` or `timed_out`. ' +
      'With `amount` and `currency` the task records what is at stake: a team member whose `approval_limit` is below it, or in another currency, cannot decide it (a member without a limit has no cap). ' +
      "Separation of duties (the workflow's `policy.approvals`, on by default): who decided one approval task of a run cannot decide another of the same run, and the person who published the running version cannot decide its tasks.",
    example: `kind: Workflow
id: approved-refund
trigger:
  type: manual
  input:
    - { key: charge, required: true }
    - { key: amount, type: number, required: true, min: 0.01 }
steps:
  - id: review
    type: approval
    title: Approve the refund
    assignee: { team: finance }
    quorum: 1
    amount: "{{ amount }}"
    currency: usd
    require_comment_on_reject: true
    timeout: 2d
    on_timeout: expired
    remind_every: 1d
    on: { approved: refund, rejected: refused }
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}" }
    next: done
  - id: refused
    type: end
    outcome: "Refused: {{ review.comment }}"
    status: cancelled
  - id: expired
    type: end
    outcome: No decision
    status: cancelled
  - id: done
    type: end
    outcome: Refunded
`,
  },
};
