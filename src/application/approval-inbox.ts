/**
 * The approvals inbox: listing tasks, one task with its decisions, deciding
 * (the rules live in approvals/decide-approval.ts) and delegating.
 */
import { decideApproval, type DecideRequest } from '../approvals/decide-approval.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { ApprovalListFilter } from '../store/approval-list-query.ts';
import type { ApprovalDecisionRecord, ApprovalTaskRecord } from '../store/approval-records.ts';
import { actingActor } from '../identity/audit-actor.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import { decisionAudit } from './approval-audit.ts';
import { approvalCursorAfter, parseApprovalCursor } from './approval-cursor.ts';
import { delegationView, type DelegationView } from './approval-delegations.ts';
import type { ApprovalViewer } from './approval-list-authority.ts';

import { DEFAULT_APPROVAL_PAGE, MAX_APPROVAL_PAGE, type ApprovalTaskStatus } from './approval-page.ts';

export { APPROVAL_TASK_STATUSES, DEFAULT_APPROVAL_PAGE, MAX_APPROVAL_PAGE, type ApprovalTaskStatus } from './approval-page.ts';

/** Which tasks a listing holds, and which page of them. */
export interface ApprovalListRequest {
  status?: ApprovalTaskStatus;
  /** Keeps the tasks this person may decide (as an approver, or as a delegate of one), never their own requests. */
  approver?: ApprovalViewer;
  /** Only the tasks assigned to this team (its id). */
  team?: string;
  /** Only the tasks of this workflow (its id). */
  workflow?: string;
  limit?: number;
  /** The `nextCursor` of the page before. */
  cursor?: string;
}

export interface ApprovalPage {
  tasks: ApprovalTaskRecord[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/** Tasks, newest first, one page at a time. */
export async function listApprovals(app: AppContext, request: ApprovalListRequest): Promise<ApprovalPage> {
  const limit = request.limit ?? DEFAULT_APPROVAL_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_APPROVAL_PAGE) {
    throw new InvalidInputError('request_invalid', `limit ${limit} is out of range; give a whole number from 1 to ${MAX_APPROVAL_PAGE}`, [], { path: 'limit' });
  }
  // One more than the page: whether there is a next page.
  const filter: ApprovalListFilter = {
    limit: limit + 1,
    ...(request.status === undefined ? {} : { status: request.status }),
    ...(request.team === undefined ? {} : { team: request.team }),
    ...(request.workflow === undefined ? {} : { workflowId: request.workflow }),
    ...(request.cursor === undefined ? {} : { after: parseApprovalCursor(request.cursor) }),
  };
  const found = request.approver === undefined ? await app.approvals.list(filter) : await tasksOf(app, request.approver, filter);
  const tasks = found.slice(0, limit);
  const last = tasks.at(-1);
  return { tasks, nextCursor: found.length > limit && last !== undefined ? approvalCursorAfter(last) : null };
}

/** The tasks `viewer` may decide, in the listing's order: theirs and their delegators', each read through its index. */
async function tasksOf(app: AppContext, viewer: ApprovalViewer, filter: ApprovalListFilter): Promise<ApprovalTaskRecord[]> {
  const me = viewer.email;
  const people = [me, ...viewer.delegators];
  // The requester never decides their own; each list leaves those out in its query, so a page is never cut short.
  const lists = await Promise.all(people.map((approver) => app.approvals.list({ ...filter, approver, notRequestedBy: me })));
  // A task may come up twice (as an approver and as a delegate). Each list holds the first `limit` of its
  // own after the cursor, so the first `limit` of them all are among them.
  const byId = new Map<string, ApprovalTaskRecord>();
  for (const task of lists.flat()) byId.set(task.id, task);
  return [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).slice(0, filter.limit);
}

export interface ApprovalDetail {
  task: ApprovalTaskRecord;
  decisions: ApprovalDecisionRecord[];
}

export async function approvalDetail(app: AppContext, id: string): Promise<ApprovalDetail> {
  const task = await app.approvals.require(id);
  return { task, decisions: await app.approvals.decisions(id) };
}

/**
 * Records a decision: see decideApproval for who may decide and what a rejection needs. The audit entry
 * holds what the review showed the decider (approval-audit.ts); `caller` is who sent it, when known.
 */
export async function decideApprovalTask(app: AppContext, request: DecideRequest, caller?: Caller): Promise<ApprovalDetail> {
  const audit = await decisionAudit(app, caller, request);
  await decideApproval({ approvals: app.approvals, store: app.engine.store, clock: app.engine.clock, wakeWorker: app.wakeWorker }, { ...request, audit });
  return approvalDetail(app, request.taskId);
}

export interface Delegation {
  /** Who is away (lower case). */
  user: string;
  /** Who decides for them meanwhile (lower case). */
  delegate: string;
  startsAt: Date;
  endsAt: Date;
}

/** Lets `delegate` decide `user`'s approval tasks from `startsAt` until `endsAt`; `caller` is who sent it, when known (for the audit trail). */
export async function delegateApprovals(app: AppContext, input: Delegation, caller?: Caller): Promise<DelegationView> {
  const user = input.user.trim().toLowerCase();
  const delegate = input.delegate.trim().toLowerCase();
  const issues = [];
  if (delegate === user) issues.push({ path: 'delegate', message: `delegate: ${delegate} cannot be their own delegate; name someone else` });
  if (input.endsAt.getTime() <= input.startsAt.getTime()) issues.push({ path: 'ends_at', message: 'ends_at: must be after starts_at' });
  if (issues.length > 0) {
    throw new InvalidInputError('delegation_invalid', `the delegation has ${issues.length} problem(s): ${issues.map((issue) => issue.message).join('; ')}`, issues, {
      path: issues[0]?.path ?? 'delegate',
    });
  }
  const now = app.engine.clock.now();
  const audit = {
    actor: actingActor(caller, user),
    action: 'approval.delegated',
    target: { type: 'user', id: user },
    detail: { delegate, starts_at: input.startsAt.toISOString(), ends_at: input.endsAt.toISOString() },
    at: now,
  } as const;
  await app.approvals.delegate({ userEmail: user, delegateEmail: delegate, startsAt: input.startsAt, endsAt: input.endsAt, now, audit });
  return delegationView(user, delegate, input.startsAt, input.endsAt, now);
}
