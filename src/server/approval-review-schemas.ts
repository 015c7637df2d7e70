/** Schemas of what an approver reviews (the task's request, run, deadline, next action, charge) and of delegations. */
import { z } from 'zod';
import { DELEGATION_STATES, MAX_DELEGATION_PAGE } from '../application/approval-delegations.ts';
import { ApprovalEmailKind } from '../application/approval-emails.ts';
import { FIELD_TYPES } from '../definition/schema.ts';
import { approvalTaskSchema } from './approval-schemas.ts';
import { outboxMessageSummarySchema } from './outbox-schemas.ts';
import { emailAddress } from './request-schemas.ts';

const time = z.iso.datetime();
const amountSchema = z.object({
  minor: z.number().int().meta({ description: 'In minor units (cents)' }),
  currency: z.string().nullable().meta({ description: "Lower-case ISO code; null when the charge's currency could not be looked up" }),
});

export const nextStepSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('approval'), step: z.string(), title: z.string(), assignee: z.union([z.object({ team: z.string() }), z.object({ users: z.array(z.string()) })]).meta({ description: 'Who decides it: a team id, or the users named' }) }),
    z.object({
      kind: z.literal('action'),
      step: z.string(),
      title: z.string(),
      uses: z.string().meta({ description: 'The operation, e.g. `stripe.refunds.create`' }),
      connector: z.string().nullable(),
      moves_money: z.boolean(),
      input: z.record(z.string(), z.unknown()).nullable().meta({ description: "The step's `with` rendered on the run's current variables; null when it needs earlier steps' output" }),
      summary: z.string().meta({ description: 'In words, e.g. `Refund 1,500.00 USD on ch_123`' }),
      amount: amountSchema.nullable(),
      target: z.string().nullable().meta({ description: 'The Stripe object the call acts on, e.g. `ch_123`' }),
    }),
    z.object({ kind: z.literal('end'), step: z.string(), title: z.string(), outcome: z.string().nullable(), status: z.string() }),
    z.object({ kind: z.literal('unknown'), step: z.string(), title: z.string(), reason: z.string() }),
  ])
  .meta({ description: 'A step an approval leads to' });

const majorMoneySchema = z.object({ amount: z.number().meta({ description: 'Major units (6000 = 6,000 USD)' }), currency: z.string() });

export const approvalReviewResponseSchema = z.object({
  approval: approvalTaskSchema,
  run: z.object({ id: z.string(), status: z.string(), outcome: z.string().nullable(), version: z.number().int() }),
  request: z
    .object({
      id: z.string(),
      offering: z.string(),
      requester: z.string(),
      submitted_at: time,
      fields: z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(FIELD_TYPES), value: z.unknown() })).meta({ description: "The request form's fields with the values submitted, in form order" }),
    })
    .nullable()
    .meta({ description: 'The catalog request, when the run came from one' }),
  steps: z
    .array(
      z.object({
        path: z.string(),
        step: z.string(),
        title: z.string().meta({ description: "The step's title, else its id in words (`threshold_check` → `Threshold check`)" }),
        type: z.string(),
        status: z.string(),
        finished_at: time.nullable(),
        summary: z.string().meta({ description: 'In a few words: `approved by casey@example.com: "ok"`, `went to Finance approval`' }),
      }),
    )
    .meta({ description: 'The run so far: the last attempt of each step visit, in order' }),
  deadline: z
    .object({
      due_at: time,
      on_timeout: z.enum(['reject', 'escalate', 'step']),
      escalate_to: z.string().nullable().meta({ description: 'The team the task goes to at `due_at`, for `escalate`' }),
      then_step: z.string().nullable().meta({ description: 'The step the run goes to at `due_at`, for `step`' }),
      then_step_title: z.string().nullable().meta({ description: "`then_step` for people: the step's title, else its id in words (`manual_review` → `Manual review`)" }),
    })
    .nullable()
    .meta({ description: 'When a pending task stops waiting, and what happens then; null without a timeout' }),
  next_actions: z.array(nextStepSchema).meta({
    description: "What an approval leads to, in order: decisions taken on the run's current values, later approvals assumed granted, up to the first step that moves money, the end, or a step that cannot be foreseen",
  }),
  authority: z
    .object({
      stake: majorMoneySchema.nullable().meta({ description: "What deciding puts at stake (the step's `amount` and `currency`), major units; null when the step declares none" }),
      needs_limit: majorMoneySchema.nullable().meta({ description: "The approval limit the task needs when no approver's limit covers its stake; null when someone's does" }),
      needs_limit_text: z.string().nullable().meta({ description: 'e.g. `needs someone with a limit of at least 6,000 USD`' }),
      can_decide: z.boolean().meta({ description: 'Whether the caller may decide the task now (the same check deciding makes)' }),
      reason: z.string().nullable().meta({ description: 'Why the caller cannot decide, when they cannot' }),
      reason_code: z.string().nullable().meta({ description: 'The error code deciding would answer, e.g. `approval_authority_exceeded`, `separation_of_duties`, `author_cannot_approve`' }),
      note: z.string().nullable().meta({ description: 'Why the caller cannot decide, written to them with steps by their titles, e.g. `You decided “CSM review” in this run; one person decides one approval step of a run.`' }),
    })
    .meta({ description: "Approver authority: the stake, whether anyone's limit covers it, and whether the caller can decide" }),
});

export const chargeSchema = z.object({
  id: z.string(),
  amount: z.number().int().meta({ description: 'Minor units' }),
  currency: z.string(),
  amount_refunded: z.number().int(),
  refunded: z.boolean(),
  status: z.string().nullable(),
  paid: z.boolean().nullable(),
  created: time.nullable(),
  customer: z.string().nullable(),
  description: z.string().nullable(),
  receipt_email: z.string().nullable(),
  billing_name: z.string().nullable(),
  payment_method: z.string().nullable().meta({ description: 'e.g. `visa •••• 4242`' }),
  payment_intent: z.string().nullable(),
  receipt_url: z.string().nullable(),
  livemode: z.boolean(),
  disputed: z.boolean().meta({ description: "Stripe's `disputed`: a dispute (chargeback) is open or was lost on it; a refund step refuses it (`charge_disputed`)" }),
});
export const fraudWarningSchema = z.object({
  id: z.string().meta({ description: '`issfr_…`' }),
  fraud_type: z.string().meta({ description: 'e.g. `card_never_received`, `unauthorized_use_of_card`, `misc`' }),
  actionable: z.boolean().meta({ description: 'Neither disputed nor fully refunded yet: a refund can still head off a dispute' }),
  created: time.nullable(),
});
export const approvalEmailSchema = outboxMessageSummarySchema.extend({
  kind: z.enum(ApprovalEmailKind).meta({ description: '`opened`: the email sent when the task opened; `reminder`: sent again while it waits (the step\'s `remind_every`); `escalated`: sent when it was handed to another team (or the same one)' }),
  reminder: z.number().int().min(1).nullable().meta({ description: 'Which reminder: 1 for the first; null for the others' }),
});

export const approvalEmailsResponseSchema = z.object({
  messages: z
    .array(approvalEmailSchema)
    .meta({ description: 'Oldest first: the email sent when the task opened, each reminder, and the one sent when it was escalated; none when it has no approvers' }),
});

export const approvalChargeResponseSchema = z.object({
  charge: chargeSchema,
  early_fraud_warnings: z.array(fraudWarningSchema).nullable().meta({ description: "The card issuer's early fraud warnings on the charge, newest first (up to 10); null when Stripe could not be asked" }),
  early_fraud_warnings_error: z.string().nullable().meta({ description: 'Why the warnings could not be read, e.g. a key without Radar permission' }),
});

export const delegationSchema = z.object({
  id: z.string().meta({ description: 'Names the delegation to end it' }),
  user: z.string(),
  delegate: z.string(),
  starts_at: time,
  ends_at: time,
  state: z.enum(DELEGATION_STATES),
});
export const delegationListQuery = z.strictObject({
  current: z.stringbool().optional().meta({ description: 'Only delegations not yet ended (upcoming or active)' }),
  as: emailAddress.optional().meta({ description: 'Whose delegations (an email) while authentication is off; with authentication required, always the caller' }),
  limit: z.coerce.number().int().min(1).max(MAX_DELEGATION_PAGE).default(50).meta({ description: `Delegations per page, 1 to ${MAX_DELEGATION_PAGE}` }),
});
export const delegationParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A delegation id, e.g. `dlg_...`' }) });
export const endDelegationBody = z
  .strictObject({ by: emailAddress.optional().meta({ description: 'Who delegated (an email) while authentication is off; with authentication required, the caller' }) })
  .meta({ description: 'Ends a delegation now' });
export const delegationListResponseSchema = z.object({ delegations: z.array(delegationSchema).meta({ description: 'Latest start first' }) });
export const delegationResponseSchema = z.object({ delegation: delegationSchema });

export type NextStepBody = z.output<typeof nextStepSchema>;
export type ApprovalReviewBody = z.output<typeof approvalReviewResponseSchema>;
export type ChargeBody = z.output<typeof chargeSchema>;
export type ApprovalChargeBody = z.output<typeof approvalChargeResponseSchema>;
export type ApprovalEmailsBody = z.output<typeof approvalEmailsResponseSchema>;
export type DelegationBody = z.output<typeof delegationSchema>;
