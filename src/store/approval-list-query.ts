/**
 * The approvals listing as one query: newest first (the later id first on a
 * tie), LIMIT in SQL, each shape read through an index in that order so it
 * stops at the limit however many tasks there are (migration 0018).
 */
import type { Kysely } from 'kysely';
import type { ApprovalStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';

/** Where a page of the listing starts: just after (older than) this task, in the listing's order. */
export interface ApprovalListPosition {
  /** The task's creation time (ms). */
  createdAt: number;
  id: string;
}

/** Which approval tasks `ApprovalStore.list` reads. */
export interface ApprovalListFilter {
  status?: ApprovalStatus;
  /** Only the tasks naming this person (lower case) among their approvers. */
  approver?: string;
  runId?: string;
  /** Only the tasks assigned to this team (by its id). */
  team?: string;
  workflowId?: string;
  /** Leaves out the tasks whose requester is this person (lower case). */
  notRequestedBy?: string;
  /** Only the tasks after this one: the next page. */
  after?: ApprovalListPosition;
  limit: number;
}

/** The query `ApprovalStore.list` runs (the tests EXPLAIN it). */
export function approvalListQuery(db: Kysely<Database>, filter: ApprovalListFilter) {
  const { status, runId, team, workflowId, notRequestedBy } = filter;
  let query = filter.approver === undefined ? everyTask(db, status, filter.after) : tasksNaming(db, filter.approver, status, filter.after);
  if (runId !== undefined) query = query.where('approval_tasks.run_id', '=', runId);
  if (team !== undefined) query = query.where('approval_tasks.assignee_team', '=', team);
  if (workflowId !== undefined) query = query.where('approval_tasks.workflow_id', '=', workflowId);
  if (notRequestedBy !== undefined) query = query.where((eb) => eb.or([eb('approval_tasks.requester', 'is', null), eb('approval_tasks.requester', '<>', notRequestedBy)]));
  return query.limit(filter.limit);
}

/**
 * Every task (of `status`, when given): index approval_tasks_by_status, or approval_tasks_by_created.
 * A page after a task compares (created_at, id) as one row value, which the index answers in its order.
 */
function everyTask(db: Kysely<Database>, status: ApprovalStatus | undefined, after: ApprovalListPosition | undefined) {
  let query = db.selectFrom('approval_tasks').selectAll('approval_tasks').orderBy('approval_tasks.created_at', 'desc').orderBy('approval_tasks.id', 'desc');
  if (after !== undefined) query = query.where((eb) => eb(eb.refTuple('approval_tasks.created_at', 'approval_tasks.id'), '<', eb.tuple(after.createdAt, after.id)));
  return status === undefined ? query : query.where('approval_tasks.status', '=', status);
}

/**
 * The tasks naming `approver` (of `status`, when given): index
 * approval_task_approvers_by_status, or approval_task_approvers_by_created.
 * The status is asked of the copy in approval_task_approvers (triggers keep it
 * equal to the task's), so that the index holds it.
 */
function tasksNaming(db: Kysely<Database>, approver: string, status: ApprovalStatus | undefined, after: ApprovalListPosition | undefined) {
  let query = db
    .selectFrom('approval_task_approvers as mine')
    .innerJoin('approval_tasks', 'approval_tasks.id', 'mine.task_id')
    .selectAll('approval_tasks')
    .where('mine.approver', '=', approver)
    .orderBy('mine.created_at', 'desc')
    .orderBy('mine.task_id', 'desc');
  if (after !== undefined) query = query.where((eb) => eb(eb.refTuple('mine.created_at', 'mine.task_id'), '<', eb.tuple(after.createdAt, after.id)));
  return status === undefined ? query : query.where('mine.status', '=', status);
}
