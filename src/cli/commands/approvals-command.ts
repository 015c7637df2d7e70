import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { APPROVAL_TASK_STATUSES, DEFAULT_APPROVAL_PAGE, MAX_APPROVAL_PAGE } from '../../application/approval-page.ts';
import { ApiError, apiRequest, segment } from '../api-client.ts';
import type { ApprovalChargeView, ApprovalDecisionView, ApprovalReviewView, ApprovalEmailView, ApprovalView } from '../catalog-views.ts';
import { paletteFor, statusTableStyle, type Palette } from '../colour.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { mergeInputs, parseInputFlag, type InputPair } from '../parse-input-flags.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface ListOptions extends ServerOptions {
  mine?: boolean;
  as?: string;
  status: string;
  team?: string;
  workflow?: string;
  limit?: number;
  cursor?: string;
}

/** A task as the list answers it: whether the caller can decide it, and why not. */
interface ApprovalListItemView extends ApprovalView {
  can_decide: boolean;
  cannot_decide_reason: string | null;
  /** The same, written to the caller (steps by their titles); null for a refusal that has no such note. */
  cannot_decide_note?: string | null;
}

interface DecideOptions extends ServerOptions {
  comment?: string;
  as?: string;
  field: InputPair[];
}

interface ApprovalDetailView {
  approval: ApprovalView;
  decisions: ApprovalDecisionView[];
}

const ANY_STATUS = 'all';

export function registerApprovalsCommand(program: Command): void {
  const approvals = program.command('approvals').description('list and decide approval tasks on the running server');
  withServerOptions(
    approvals
      .command('list')
      .description('list approval tasks, newest first (pending ones by default)')
      .option('--mine', 'only tasks assigned to you; one a rule keeps you from deciding is marked, with why (with --as while authentication is off)')
      .option('--as <email>', 'who --mine means, while authentication is off')
      .addOption(new Option('--status <status>', 'only tasks in this status').choices([...APPROVAL_TASK_STATUSES, ANY_STATUS]).default('pending'))
      .option('--team <id>', "only tasks assigned to this team, e.g. finance")
      .option('--workflow <id>', 'only tasks of this workflow')
      .addOption(new Option('--limit <n>', `tasks to show, 1 to ${MAX_APPROVAL_PAGE} (default ${DEFAULT_APPROVAL_PAGE})`).argParser(parseLimit))
      .option('--cursor <cursor>', 'continue a listing where the previous page ended'),
  ).action(listApprovals);
  withServerOptions(approvals.command('show').description("an approval task, its decisions, the request's values and what approving will do").argument('<task>', 'approval task id')).action(showApproval);
  withServerOptions(
    approvals
      .command('decide')
      .description('approve or reject an approval task')
      .argument('<task>', 'approval task id')
      .addArgument(new Argument('<decision>', 'your decision').choices(['approve', 'reject']))
      .option('--comment <text>', 'why (required to reject when the step says so)')
      .option('--as <email>', 'who decides, while authentication is off')
      .addOption(new Option('--field <key=value>', "a value for the approval step's form, repeatable").argParser(parseInputFlag).default([])),
  ).action(decideApproval);
}

async function listApprovals(options: ListOptions): Promise<void> {
  const status = options.status === ANY_STATUS ? undefined : options.status;
  const answer = await apiRequest<{ approvals: ApprovalListItemView[]; next_cursor: string | null }>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/approvals',
    query: { mine: options.mine, as: options.as, status, team: options.team, workflow: options.workflow, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(answer);
  if (answer.approvals.length === 0) return printLines('no approval tasks');
  const rows = answer.approvals.map((task) => [
    task.id,
    task.title,
    task.workflow,
    task.status,
    decideMark(task),
    cell(task.leads_to?.summary, 60),
    cell(task.requester),
    cell(task.approvers.join(', '), 60),
    formatTime(task.created_at),
  ]);
  printLines(formatTable(['task', 'title', 'workflow', 'status', 'you decide', 'approving leads to', 'requester', 'approvers', 'opened'], rows, statusTableStyle(paletteFor(options), 3)));
  const refusals = answer.approvals.flatMap((task) => {
    const why = task.cannot_decide_note ?? task.cannot_decide_reason;
    return why === null ? [] : [`  ${task.id}: you cannot decide: ${why}`];
  });
  if (refusals.length > 0) printLines('', ...refusals);
  if (answer.next_cursor !== null) {
    printLines(nextPageHint('tollgate approvals list', { mine: options.mine, as: options.as, status: options.status, team: options.team, workflow: options.workflow, limit: options.limit }, answer.next_cursor));
  }
}

/** `yes`, `no` (the reason is noted under the table), or `-` for a task no longer pending. */
function decideMark(task: ApprovalListItemView): string {
  if (task.status !== 'pending') return '-';
  return task.can_decide ? 'yes' : 'no';
}

async function showApproval(task: string, options: ServerOptions): Promise<void> {
  const connection = connectionFrom(options);
  const detail = await apiRequest<ApprovalDetailView>(connection, { method: 'GET', path: `/api/v1/approvals/${segment(task)}` });
  // --json stays the task's own answer; the review has its own endpoint for programs.
  if (options.json) return printJson(detail);
  const review = await apiRequest<ApprovalReviewView>(connection, { method: 'GET', path: `/api/v1/approvals/${segment(task)}/review` });
  const emails = await apiRequest<{ messages: ApprovalEmailView[] }>(connection, { method: 'GET', path: `/api/v1/approvals/${segment(task)}/emails` });
  const { approvalEmailLines, chargeRiskLines, chargeTargetOf, reviewLines } = await import('../approval-review-text.ts');
  const palette = paletteFor(options);
  // Before deciding on money, what Stripe says now: the approver may not have received its events.
  const risk = detail.approval.status === 'pending' && chargeTargetOf(review) !== undefined ? chargeRiskLines(await chargeAnswer(task, options), palette) : [];
  printLines(...formatApproval(detail, palette), ...reviewLines(review, palette), ...risk, ...approvalEmailLines(emails.messages, palette));
}

async function chargeAnswer(task: string, options: ServerOptions): Promise<ApprovalChargeView | { error: string }> {
  try {
    return await apiRequest<ApprovalChargeView>(connectionFrom(options), { method: 'GET', path: `/api/v1/approvals/${segment(task)}/charge` });
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
}

async function decideApproval(task: string, decision: 'approve' | 'reject', options: DecideOptions): Promise<void> {
  const values = mergeInputs({}, options.field);
  const detail = await apiRequest<ApprovalDetailView>(connectionFrom(options), {
    method: 'POST',
    path: `/api/v1/approvals/${segment(task)}/decide`,
    body: {
      json: {
        decision: decision === 'approve' ? 'approved' : 'rejected',
        ...(options.comment === undefined ? {} : { comment: options.comment }),
        ...(Object.keys(values).length === 0 ? {} : { values }),
        ...(options.as === undefined ? {} : { by: options.as }),
      },
    },
    idempotent: true,
  });
  if (options.json) return printJson(detail);
  const { approval } = detail;
  printLines(approval.status === 'pending' ? `recorded: ${decision}; task ${approval.id} waits for more decisions` : `task ${approval.id} is ${approval.status}; run ${approval.run} goes on`);
}

function formatApproval(detail: ApprovalDetailView, palette: Palette): string[] {
  const { approval } = detail;
  const lines = [
    `task        ${approval.id}`,
    `title       ${approval.title}`,
    `workflow    ${approval.workflow} (run ${approval.run})`,
    `status      ${palette.status(approval.status)}`,
    `assignee    ${approval.assignee_team === null ? 'users' : `team ${approval.assignee_team}`}: ${approval.approvers.join(', ') || 'nobody'}`,
    `request     ${approval.request ?? '-'}${approval.requester === null ? '' : ` (by ${approval.requester})`}`,
    `opened      ${formatTime(approval.created_at)}`,
  ];
  if (detail.decisions.length === 0) return [...lines, 'decisions   none yet'];
  return [
    ...lines,
    'decisions',
    ...detail.decisions.map(
      (decision) => `  ${formatTime(decision.decided_at)}  ${decision.by}${decision.on_behalf_of === null ? '' : ` (for ${decision.on_behalf_of})`}  ${decision.decision}${decision.comment === null ? '' : `: ${decision.comment}`}`,
    ),
  ];
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_APPROVAL_PAGE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_APPROVAL_PAGE}.`);
  return limit;
}
