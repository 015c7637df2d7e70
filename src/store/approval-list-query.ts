/**
 * The approvals listing as one query: newest first (the later id first on a
 * tie), LIMIT in SQL, each shape read through an index in that order so it
 * stops at the limit however many tasks there are (migration 0018).
 */
import type { Kysely } from 'kysely';
import type { ApprovalStatus } from '../core/statuses.ts';
import type { Database } from './database-schema.ts';

/** Which approval tasks `ApprovalStore.list` reads. */
export interface ApprovalListFilter {
  status?: ApprovalStatus;
  /** Only the tasks naming this person (lower case) among their approvers. */
  approver?: string;
  runId?: string;
  /** Leaves out the tasks whose requester is this person (lower case). */
  notRequestedBy?: string;
  limit: number;
}

/** The query `ApprovalStore.list` runs (the tests EXPLAIN it). */
export function approvalListQuery(db: Kysely<Database>, filter: ApprovalListFilter) {
  const { status, runId, notRequestedBy } = filter;
  let query = filter.approver === undefined ? everyTask(db, status) : tasksNaming(db, filter.approver, status);
  if (runId !== undefined) query = query.where('approval_tasks.run_id', '=', runId);
  if (notRequestedBy !== undefined) query = query.where((eb) => eb.or([eb('approval_tasks.requester', 'is', null), eb('approval_tasks.requester', '<>', notRequestedBy)]));
  return query.limit(filter.limit);
}

/** Every task (of `status`, when given): index approval_tasks_by_status, or approval_tasks_by_created. */
function everyTask(db: Kysely<Database>, status: ApprovalStatus | undefined) {
  const query = db.selectFrom('approval_tasks').selectAll('approval_tasks').orderBy('approval_tasks.created_at', 'desc').orderBy('approval_tasks.id', 'desc');
  return status === undefined ? query : query.where('approval_tasks.status', '=', status);
}

/**
 * The tasks naming `approver` (of `status`, when given): index
 * approval_task_approvers_by_status, or approval_task_approvers_by_created.
 * The status is asked of the copy in approval_task_approvers (triggers keep it
 * equal to the task's), so that the index holds it.
 */
function tasksNaming(db: Kysely<Database>, approver: string, status: ApprovalStatus | undefined) {
  const query = db
    .selectFrom('approval_task_approvers as mine')
    .innerJoin('approval_tasks', 'approval_tasks.id', 'mine.task_id')
    .selectAll('approval_tasks')
    .where('mine.approver', '=', approver)
    .orderBy('mine.created_at', 'desc')
    .orderBy('mine.task_id', 'desc');
  return status === undefined ? query : query.where('mine.status', '=', status);
}
