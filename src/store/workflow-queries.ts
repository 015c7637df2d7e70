import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import { DEFINITION_FORMAT } from '../definition/stored-definition.ts';
import type { WorkflowDocument } from '../definition/schema.ts';
import { appendAudit, type AuditInput, type AuditOf } from './audit-input.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import { bumpDirectoryVersion } from './directory-version.ts';
import type { ScheduleRecord, VersionRecord, WorkflowRecord } from './records.ts';
import { toJson, toVersion, toWorkflow } from './row-mappers.ts';

type ScheduleSpec = Omit<ScheduleRecord, 'workflowId' | 'version'> | null | undefined;

export async function listWorkflows(db: Kysely<Database>): Promise<WorkflowRecord[]> {
  const rows = await db.selectFrom('workflows').selectAll().orderBy('id').execute();
  return rows.map(toWorkflow);
}

export async function getWorkflow(db: Kysely<Database>, id: string): Promise<WorkflowRecord | undefined> {
  const row = await db.selectFrom('workflows').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toWorkflow(row);
}

async function requireWorkflow(db: Kysely<Database>, id: string): Promise<WorkflowRecord> {
  const workflow = await getWorkflow(db, id);
  if (!workflow) throw new NotFoundError('workflow_not_found', `no workflow "${id}"; list workflows with \`tollgate workflows list\` or apply its definition first`);
  return workflow;
}

export async function saveDraft(
  database: DialectDatabase,
  input: { id: string; title: string; definition: WorkflowDocument; hash: string; triggerType: string; now: Date; audit?: AuditInput },
): Promise<WorkflowRecord> {
  const now = input.now.getTime();
  return database.transaction(async (trx) => {
    await trx
      .insertInto('workflows')
      .values({
        id: input.id,
        title: input.title,
        status: WorkflowStatus.draft,
        draft: toJson(input.definition),
        draft_format: DEFINITION_FORMAT,
        draft_hash: input.hash,
        trigger_type: input.triggerType,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ title: input.title, draft: toJson(input.definition), draft_format: DEFINITION_FORMAT, draft_hash: input.hash, updated_at: now }),
      )
      .execute();
    await bumpDirectoryVersion(trx);
    await appendAudit(trx, database.capabilities, input.audit, undefined);
    return requireWorkflow(trx, input.id);
  });
}

export async function publish(
  database: DialectDatabase,
  input: { id: string; annotation: string | null; activate: boolean; now: Date; schedule?: ScheduleSpec; publishedBy?: string | null; audit?: AuditOf<VersionRecord> },
): Promise<VersionRecord> {
  return database.transaction(async (trx) => {
    const workflow = await requireWorkflow(trx, input.id);
    if (workflow.draft === null || workflow.draftHash === null) {
      throw new ConflictError('workflow_no_draft', `workflow "${input.id}" has no draft to publish`);
    }
    const version = workflow.latestVersion + 1;
    const now = input.now.getTime();
    await trx
      .insertInto('workflow_versions')
      .values({
        workflow_id: input.id,
        version,
        definition: toJson(workflow.draft) ?? 'null',
        definition_format: DEFINITION_FORMAT,
        hash: workflow.draftHash,
        annotation: input.annotation,
        created_at: now,
        published_by: input.publishedBy ?? null,
      })
      .execute();
    const activate = input.activate || workflow.status === WorkflowStatus.active;
    await trx
      .updateTable('workflows')
      .set({
        latest_version: version,
        trigger_type: workflow.draft.trigger.type,
        ...(activate ? { status: WorkflowStatus.active, active_version: version } : {}),
        updated_at: now,
      })
      .where('id', '=', input.id)
      .execute();
    if (activate) await writeSchedule(trx, input.id, version, input.schedule);
    await bumpDirectoryVersion(trx);
    const row = await trx.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', input.id).where('version', '=', version).executeTakeFirstOrThrow();
    const published = toVersion(row);
    await appendAudit(trx, database.capabilities, input.audit, published);
    return published;
  });
}

export async function setWorkflowStatus(
  database: DialectDatabase,
  input: { id: string; status: WorkflowStatus; now: Date; schedule?: ScheduleSpec; audit?: AuditOf<{ before: WorkflowRecord; after: WorkflowRecord }> },
): Promise<WorkflowRecord> {
  return database.transaction(async (trx) => {
    const workflow = await requireWorkflow(trx, input.id);
    if (input.status === WorkflowStatus.active && workflow.latestVersion === 0) {
      throw new ConflictError('workflow_not_published', `workflow "${input.id}" has no published version; publish it before activating`);
    }
    const activeVersion = input.status === WorkflowStatus.active ? (workflow.activeVersion ?? workflow.latestVersion) : workflow.activeVersion;
    await trx
      .updateTable('workflows')
      .set({ status: input.status, active_version: activeVersion, updated_at: input.now.getTime() })
      .where('id', '=', input.id)
      .execute();
    const isActive = input.status === WorkflowStatus.active;
    await writeSchedule(trx, input.id, activeVersion ?? 0, isActive ? input.schedule : null);
    await bumpDirectoryVersion(trx);
    const after = await requireWorkflow(trx, input.id);
    await appendAudit(trx, database.capabilities, input.audit, { before: workflow, after });
    return after;
  });
}

async function writeSchedule(trx: Kysely<Database>, workflowId: string, version: number, schedule: ScheduleSpec): Promise<void> {
  if (schedule === undefined) return;
  if (schedule === null) {
    await trx.deleteFrom('schedules').where('workflow_id', '=', workflowId).execute();
    return;
  }
  const values = { version, cron: schedule.cron, timezone: schedule.timezone, catch_up: schedule.catchUp ? 1 : 0, next_at: schedule.nextAt.getTime() };
  await trx
    .insertInto('schedules')
    .values({ workflow_id: workflowId, ...values })
    // Keep a pending tick when only the version changes: a tick missed while down still runs.
    .onConflict((oc) => oc.column('workflow_id').doUpdateSet({ version, cron: values.cron, timezone: values.timezone, catch_up: values.catch_up }))
    .execute();
}

export async function getVersion(db: Kysely<Database>, workflowId: string, version: number): Promise<VersionRecord | undefined> {
  const row = await db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflowId).where('version', '=', version).executeTakeFirst();
  return row && toVersion(row);
}

export async function listVersions(db: Kysely<Database>, workflowId: string): Promise<VersionRecord[]> {
  const rows = await db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflowId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}
