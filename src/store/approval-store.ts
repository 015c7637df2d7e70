import type { Kysely, Selectable } from 'kysely';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { ApprovalTasksTable, Database } from './database-schema.ts';
import { appendAudit, type AuditInput, type AuditOf } from './audit-input.ts';
import type { DialectDatabase } from './dialect.ts';
import { fromJson, toJson } from './row-mappers.ts';
import type { ApprovalStatus } from '../core/statuses.ts';
import type { Field } from '../definition/field-schema.ts';
import type { ApprovalDecisionRecord, ApprovalLeadsTo, ApprovalOutcome, ApprovalTaskRecord, NewApprovalTask } from './approval-records.ts';
import { wakeParkedStep } from './work-queue-queries.ts';
import { approvalListQuery, type ApprovalListFilter } from './approval-list-query.ts';

function toTask(row: Selectable<ApprovalTasksTable>): ApprovalTaskRecord {
  const quorum = /^\d+$/.test(row.quorum) ? Number(row.quorum) : (row.quorum as 'any' | 'all');
  return {
    id: row.id,
    runId: row.run_id,
    stepPath: row.step_path,
    visit: row.visit,
    workflowId: row.workflow_id,
    title: row.title,
    assigneeTeam: row.assignee_team,
    approvers: fromJson<string[]>(row.approvers) ?? [],
    quorum,
    requireCommentOnReject: row.require_comment_on_reject === 1,
    form: fromJson<Field[]>(row.form),
    requestId: row.request_id,
    requester: row.requester,
    status: row.status,
    dueAt: row.due_at === null ? null : new Date(row.due_at),
    outcome: fromJson<ApprovalOutcome | null>(row.outcome),
    createdAt: new Date(row.created_at),
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
    stake: row.stake_amount === null || row.stake_currency === null ? null : { amount: row.stake_amount, currency: row.stake_currency },
    leadsTo: fromJson<ApprovalLeadsTo>(row.leads_to) ?? null,
  };
}

/** One decision on an approval task of a run, with the task's step: what rules about a whole run read. */
export interface RunApprovalDecision {
  runId: string;
  taskId: string;
  stepPath: string;
  title: string;
  by: string;
  onBehalfOf: string | null;
}

async function runDecisionsIn(db: Kysely<Database>, runIds: readonly string[]): Promise<RunApprovalDecision[]> {
  if (runIds.length === 0) return [];
  const rows = await db
    .selectFrom('approval_decisions')
    .innerJoin('approval_tasks', 'approval_tasks.id', 'approval_decisions.task_id')
    .select(['approval_tasks.run_id', 'approval_tasks.id', 'approval_tasks.step_path', 'approval_tasks.title', 'approval_decisions.user_email', 'approval_decisions.on_behalf_of'])
    .where('approval_tasks.run_id', 'in', [...runIds])
    .orderBy('approval_decisions.decided_at')
    .execute();
  return rows.map((row) => ({ runId: row.run_id, taskId: row.id, stepPath: row.step_path, title: row.title, by: row.user_email, onBehalfOf: row.on_behalf_of }));
}

/** Approval tasks, their decisions and delegations. */
export class ApprovalStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  async open(task: NewApprovalTask): Promise<{ task: ApprovalTaskRecord; created: boolean }> {
    const inserted = await this.#database.db
      .insertInto('approval_tasks')
      .values({
        id: task.id,
        run_id: task.runId,
        step_path: task.stepPath,
        visit: task.visit,
        workflow_id: task.workflowId,
        title: task.title,
        assignee_team: task.assigneeTeam,
        approvers: toJson(task.approvers) ?? '[]',
        quorum: String(task.quorum),
        require_comment_on_reject: task.requireCommentOnReject ? 1 : 0,
        form: toJson(task.form ?? undefined),
        request_id: task.requestId,
        requester: task.requester,
        status: 'pending',
        due_at: task.dueAt?.getTime() ?? null,
        outcome: null,
        created_at: task.createdAt.getTime(),
        decided_at: null,
        stake_amount: task.stake?.amount ?? null,
        stake_currency: task.stake?.currency ?? null,
        leads_to: toJson(task.leadsTo ?? undefined),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    const stored = await this.require(task.id);
    return { task: stored, created: Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 };
  }

  async get(id: string): Promise<ApprovalTaskRecord | undefined> {
    const row = await this.#database.db.selectFrom('approval_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTask(row);
  }

  async require(id: string): Promise<ApprovalTaskRecord> {
    const task = await this.get(id);
    if (!task) throw new NotFoundError('approval_not_found', `no approval task "${id}"; list pending ones with \`tollgate approvals list\``, { path: 'task' });
    return task;
  }

  /**
   * Tasks newest first (the later id first on a tie), at most `limit`: each
   * read walks an index in that order and stops at the limit, however many
   * tasks there are. `approver` keeps the tasks that name this person among
   * their approvers (approval_task_approvers, migration 0018);
   * `notRequestedBy` leaves out the tasks of this person's own requests;
   * `team`, `workflowId` keep a team's or a workflow's; `after` starts after a task (the next page).
   */
  async list(filter: ApprovalListFilter): Promise<ApprovalTaskRecord[]> {
    const rows = await approvalListQuery(this.#database.db, filter).execute();
    return rows.map(toTask);
  }

  /** The workflow and version each of `runIds` runs, in one query (a list's tasks need them all); a run not found is absent. */
  async runVersions(runIds: readonly string[]): Promise<Map<string, { workflowId: string; version: number }>> {
    if (runIds.length === 0) return new Map();
    const rows = await this.#database.db.selectFrom('runs').select(['id', 'workflow_id', 'version']).where('id', 'in', [...runIds]).execute();
    return new Map(rows.map((row) => [row.id, { workflowId: row.workflow_id, version: row.version }]));
  }

  async decisions(taskId: string): Promise<ApprovalDecisionRecord[]> {
    const rows = await this.#database.db.selectFrom('approval_decisions').selectAll().where('task_id', '=', taskId).orderBy('decided_at').execute();
    return rows.map((row) => ({
      taskId: row.task_id,
      userEmail: row.user_email,
      onBehalfOf: row.on_behalf_of,
      decision: row.decision,
      comment: row.comment,
      values: fromJson<Record<string, unknown>>(row.form_values),
      decidedAt: new Date(row.decided_at),
    }));
  }

  /** Every decision on the approval tasks of the runs `runIds`, oldest first: one query for them all. */
  async runDecisions(runIds: readonly string[]): Promise<RunApprovalDecision[]> {
    return runDecisionsIn(this.#database.db, runIds);
  }

  /**
   * Records one person's decision and, when `resolve` says the task is now
   * settled, settles it and wakes the approval step, all in one transaction.
   * A second decision by the same person, or any on a settled task, is refused.
   * `authorize` sees the locked task and the run's decisions as they are inside
   * the transaction and throws to refuse, so two decisions on tasks of one run
   * cannot both pass a rule about the run (PostgreSQL locks the run, then its
   * tasks, first; SQLite has one writer).
   */
  async decide(input: {
    decision: Omit<ApprovalDecisionRecord, 'decidedAt'>;
    now: Date;
    resolve: (task: ApprovalTaskRecord, decisions: ApprovalDecisionRecord[]) => ApprovalOutcome | null;
    authorize?: (task: ApprovalTaskRecord, runDecisions: RunApprovalDecision[]) => void;
    /** Made from the task after the decision. */
    audit?: AuditOf<ApprovalTaskRecord>;
  }): Promise<ApprovalTaskRecord> {
    const { decision, now } = input;
    return this.#database.transaction(async (trx) => {
      if (this.#database.capabilities.rowLocks) {
        // The run's row first, as every writer of a run takes it (run-lock.ts): a step commit that ends the run
        // holds it and then cancels the run's tasks, so a decider that held the tasks first would deadlock with it.
        const runId = trx.selectFrom('approval_tasks').select('run_id').where('id', '=', decision.taskId);
        await trx.selectFrom('runs').select('id').where('id', '=', runId).forUpdate().execute();
        // Then every task of the run, in id order: deciders of one run queue here and never deadlock.
        await trx.selectFrom('approval_tasks').select('id').where('run_id', '=', runId).orderBy('id').forUpdate().execute();
      }
      const row = await trx
        .selectFrom('approval_tasks')
        .selectAll()
        .where('id', '=', decision.taskId)
        .$if(this.#database.capabilities.rowLocks, (qb) => qb.forUpdate())
        .executeTakeFirst();
      if (!row) throw new NotFoundError('approval_not_found', `no approval task "${decision.taskId}"`, { path: 'task' });
      const task = toTask(row);
      if (task.status !== 'pending') {
        throw new ConflictError('approval_already_decided', `approval task ${task.id} is already ${task.status}${task.outcome?.by ? ` (by ${task.outcome.by})` : ''}; a decision is recorded once`);
      }
      const existing = await trx.selectFrom('approval_decisions').select('decision').where('task_id', '=', task.id).where('user_email', '=', decision.userEmail).executeTakeFirst();
      if (existing) throw new ConflictError('approval_already_decided', `${decision.userEmail} already decided approval task ${task.id} (${existing.decision})`);
      input.authorize?.(task, await runDecisionsIn(trx, [task.runId]));
      await trx
        .insertInto('approval_decisions')
        .values({
          task_id: task.id,
          user_email: decision.userEmail,
          on_behalf_of: decision.onBehalfOf,
          decision: decision.decision,
          comment: decision.comment,
          form_values: toJson(decision.values ?? undefined),
          decided_at: now.getTime(),
        })
        .execute();
      const all = await trx.selectFrom('approval_decisions').selectAll().where('task_id', '=', task.id).orderBy('decided_at').execute();
      const outcome = input.resolve(
        task,
        all.map((d) => ({ taskId: d.task_id, userEmail: d.user_email, onBehalfOf: d.on_behalf_of, decision: d.decision, comment: d.comment, values: fromJson(d.form_values), decidedAt: new Date(d.decided_at) })),
      );
      if (outcome) {
        await trx
          .updateTable('approval_tasks')
          .set({ status: outcome.decision === 'timed_out' ? 'timed_out' : outcome.decision, outcome: toJson(outcome), decided_at: now.getTime() })
          .where('id', '=', task.id)
          .execute();
        await wakeParkedStep(trx, this.#database.capabilities, { runId: task.runId, stepPath: task.stepPath, resume: { approval: task.id }, now });
        await this.#database.notifyWork(trx);
      }
      const updated = toTask(await trx.selectFrom('approval_tasks').selectAll().where('id', '=', task.id).executeTakeFirstOrThrow());
      await appendAudit(trx, this.#database.capabilities, input.audit, updated);
      return updated;
    });
  }

  async settle(id: string, outcome: ApprovalOutcome, status: ApprovalStatus): Promise<ApprovalTaskRecord> {
    await this.#database.db
      .updateTable('approval_tasks')
      .set({ status, outcome: toJson(outcome), decided_at: Date.parse(outcome.at) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    return this.require(id);
  }

  async reassign(id: string, input: { team: string; approvers: string[]; dueAt: Date | null }): Promise<ApprovalTaskRecord> {
    await this.#database.db
      .updateTable('approval_tasks')
      .set({ assignee_team: input.team, approvers: toJson(input.approvers) ?? '[]', due_at: input.dueAt?.getTime() ?? null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
    return this.require(id);
  }

  async requester(requestId: string): Promise<string | null> {
    const row = await this.#database.db.selectFrom('requests').select('requester').where('id', '=', requestId).executeTakeFirst();
    return row?.requester ?? null;
  }

  async delegate(input: { userEmail: string; delegateEmail: string; startsAt: Date; endsAt: Date; now: Date; audit?: AuditInput }): Promise<void> {
    await this.#database.transaction(async (trx) => {
      await trx
        .insertInto('delegations')
        .values({ user_email: input.userEmail, delegate_email: input.delegateEmail, starts_at: input.startsAt.getTime(), ends_at: input.endsAt.getTime(), created_at: input.now.getTime() })
        .execute();
      await appendAudit(trx, this.#database.capabilities, input.audit, undefined);
    });
  }

  /** The delegations `userEmail` made, latest start first. */
  async delegationsOf(userEmail: string, limit: number): Promise<{ userEmail: string; delegateEmail: string; startsAt: Date; endsAt: Date; createdAt: Date }[]> {
    const rows = await this.#database.db.selectFrom('delegations').selectAll().where('user_email', '=', userEmail).orderBy('starts_at', 'desc').orderBy('delegate_email').limit(limit).execute();
    return rows.map((row) => ({ userEmail: row.user_email, delegateEmail: row.delegate_email, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at), createdAt: new Date(row.created_at) }));
  }

  /** Sets when a delegation ends (never later than it was set to end); answers whether there was one (and only then appends `audit`). */
  async endDelegation(input: { userEmail: string; delegateEmail: string; startsAt: Date; endsAt: Date; audit?: AuditInput }): Promise<boolean> {
    return this.#database.transaction(async (trx) => {
      const result = await trx
        .updateTable('delegations')
        .set({ ends_at: input.endsAt.getTime() })
        .where('user_email', '=', input.userEmail)
        .where('delegate_email', '=', input.delegateEmail)
        .where('starts_at', '=', input.startsAt.getTime())
        .where('ends_at', '>', input.endsAt.getTime())
        .executeTakeFirst();
      const changed = Number(result.numUpdatedRows) > 0;
      if (changed) await appendAudit(trx, this.#database.capabilities, input.audit, undefined);
      return changed;
    });
  }

  /** The people who have delegated their approvals to `delegateEmail` at `at`. */
  async delegatorsOf(delegateEmail: string, at: Date): Promise<string[]> {
    const rows = await this.#database.db
      .selectFrom('delegations')
      .select('user_email')
      .where('delegate_email', '=', delegateEmail)
      .where('starts_at', '<=', at.getTime())
      .where('ends_at', '>', at.getTime())
      .execute();
    return rows.map((row) => row.user_email);
  }
}
