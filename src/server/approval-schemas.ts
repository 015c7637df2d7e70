/** Request and response schemas of the approvals inbox routes. */
import { z } from 'zod';
import { APPROVAL_TASK_STATUSES, DEFAULT_APPROVAL_PAGE, MAX_APPROVAL_PAGE } from '../application/approval-inbox.ts';
import { REFUSAL_CODES } from '../approvals/approval-authority.ts';
import { formFieldSchema } from './response-schemas.ts';
import { emailAddress } from './request-schemas.ts';

const time = z.iso.datetime();
const isoTime = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const approvalParams = z.strictObject({ id: z.string().min(1).meta({ description: 'An approval task id, e.g. `apr_0abc...`' }) });

export const approvalListQuery = z.strictObject({
  status: z.enum(APPROVAL_TASK_STATUSES).optional().meta({ description: 'Only tasks in this status, e.g. `pending`' }),
  mine: z
    .stringbool()
    .optional()
    .meta({
      description:
        "Only the caller's tasks: those naming them or an approver who delegated to them, never their own requests. One a rule keeps them from deciding (they decided another step of its run, their limit is under its stake, they published the version) is listed too, `can_decide` false and `cannot_decide_note` saying why: it waits on someone else",
    }),
  as: emailAddress.optional().meta({ description: 'Who "mine" and `can_decide` mean while authentication is off (an email); with authentication required it is always the caller' }),
  team: z.string().min(1).max(200).optional().meta({ description: 'Only tasks assigned to this team (its id, e.g. `finance`)' }),
  workflow: z.string().min(1).max(200).optional().meta({ description: 'Only tasks of this workflow (its id, e.g. `customer-refund`)' }),
  limit: z.coerce.number().int().min(1).max(MAX_APPROVAL_PAGE).default(DEFAULT_APPROVAL_PAGE).meta({ description: `Tasks per page, 1 to ${MAX_APPROVAL_PAGE}` }),
  cursor: z.string().min(1).max(300).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

export const decideBody = z
  .strictObject({
    decision: z.enum(['approved', 'rejected']),
    comment: z.string().max(5000).optional().meta({ description: 'Why; required to reject when the step says `require_comment_on_reject`' }),
    values: z.record(z.string(), z.unknown()).optional().meta({ description: "Values for the approval step's form fields, when it has a form" }),
    by: emailAddress.optional().meta({ description: 'Who decides (an email) while authentication is off; with authentication required the caller decides as themself, and naming someone else is 403 `caller_mismatch`' }),
  })
  .meta({ description: 'A decision on an approval task' });

export const delegationBody = z
  .strictObject({
    delegate: emailAddress.meta({ description: "Who decides the caller's approval tasks meanwhile" }),
    starts_at: isoTime.meta({ description: 'From this ISO 8601 time' }),
    ends_at: isoTime.meta({ description: 'Until this ISO 8601 time' }),
    by: emailAddress.optional().meta({ description: 'Who delegates (an email) while authentication is off; with authentication required it is the caller' }),
  })
  .meta({ description: "Let someone else decide the caller's approval tasks for a while" });

const outcomeSchema = z.object({
  decision: z.enum(['approved', 'rejected', 'timed_out']),
  comment: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
  values: z.record(z.string(), z.unknown()).optional(),
});

export const approvalTaskSchema = z.object({
  id: z.string(),
  run: z.string(),
  step_path: z.string(),
  workflow: z.string(),
  workflow_title: z.string().meta({ description: "The workflow's title now (`workflow` is its id)" }),
  title: z.string(),
  assignee_team: z.string().nullable(),
  approvers: z.array(z.string()).meta({ description: 'Who may decide (fixed when the task opened; never the requester)' }),
  quorum: z.union([z.enum(['any', 'all']), z.number().int()]),
  require_comment_on_reject: z.boolean(),
  form: z.array(formFieldSchema).nullable().meta({ description: 'Fields the approver fills in, if any: their values go in the decision\'s `values`' }),
  request: z.string().nullable().meta({ description: 'The catalog request, when the run came from one' }),
  requester: z.string().nullable(),
  status: z.enum(APPROVAL_TASK_STATUSES),
  due_at: time.nullable(),
  outcome: outcomeSchema.nullable(),
  created_at: time,
  decided_at: time.nullable(),
  stake: z
    .object({ amount: z.number(), currency: z.string() })
    .nullable()
    .meta({ description: "What deciding puts at stake (the step's `amount` and `currency`), major units; approvers whose limit is lower cannot decide" }),
  leads_to: z
    .object({
      step: z.string(),
      summary: z.string().meta({ description: 'In words, e.g. `Refund 25.00 USD on ch_123`' }),
      target: z.string().nullable().meta({ description: 'The Stripe object the step acts on (`ch_…`, `pi_…`)' }),
      amount: z
        .object({ minor: z.number(), currency: z.string().nullable() })
        .nullable()
        .meta({ description: 'What it moves, minor units; currency null when the charge could not be read' }),
    })
    .nullable()
    .meta({ description: 'What approving leads to, worked out when the task opened: the next step that moves money; null when none follows or the way cannot be foreseen' }),
});

export const approvalDecisionSchema = z.object({
  by: z.string(),
  on_behalf_of: z.string().nullable().meta({ description: 'The approver a delegate decided for' }),
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().nullable(),
  values: z.record(z.string(), z.unknown()).nullable(),
  decided_at: time,
});

export const approvalListItemSchema = approvalTaskSchema.extend({
  can_decide: z.boolean().meta({ description: 'Whether the caller (`as` while authentication is off) may decide this task now, by the rules deciding applies; false once it is not pending' }),
  cannot_decide_reason: z.string().nullable().meta({ description: 'Why the caller cannot decide this pending task (what deciding would answer); null when they can or it is not pending' }),
  cannot_decide_code: z
    .enum(REFUSAL_CODES)
    .nullable()
    .meta({ description: 'The error code deciding would answer (`separation_of_duties`, `approval_authority_exceeded`, `author_cannot_approve`, `not_an_approver`); null when no rule keeps the caller from deciding' }),
  cannot_decide_note: z
    .string()
    .nullable()
    .meta({ description: 'Why the caller cannot decide, written to them with steps by their titles, e.g. `You decided “CSM review” in this run; one person decides one approval step of a run.`; null with `cannot_decide_code`' }),
});
export const approvalListResponseSchema = z.object({
  approvals: z.array(approvalListItemSchema).meta({ description: 'Newest first' }),
  next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next (older) page; null on the last page' }),
  filtered_workflow: z
    .object({ id: z.string(), title: z.string().meta({ description: 'Its title now' }) })
    .nullable()
    .meta({ description: 'The workflow the `workflow` filter keeps, by its id and title, so a filter is named for people even when no task matches; null without that filter, or when no workflow has that id' }),
});
export const approvalDetailResponseSchema = z.object({ approval: approvalTaskSchema, decisions: z.array(approvalDecisionSchema).meta({ description: 'In the order they were made' }) });
export type ApprovalTaskBody = z.output<typeof approvalTaskSchema>;
export type ApprovalListItemBody = z.output<typeof approvalListItemSchema>;
export type ApprovalDecisionBody = z.output<typeof approvalDecisionSchema>;
