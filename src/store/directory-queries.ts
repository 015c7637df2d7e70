/** Connectors, teams and services: the objects definitions create besides workflows. */
import type { Kysely } from 'kysely';
import { appendAudit, type AuditInput } from './audit-input.ts';
import { bumpDirectoryVersion } from './directory-version.ts';
import type { MajorMoney } from './approval-records.ts';
import type { Database } from './database-schema.ts';
import type { DialectDatabase } from './dialect.ts';
import type { ConnectorRecord, ServiceRecord, TeamRecord } from './records.ts';
import { fromJson, toJson } from './row-mappers.ts';

/** What a directory write is given; `ifAbsent` makes it a create that writes nothing when the id exists already. */
export type DirectoryWrite<R> = R & { now: Date; audit?: AuditInput; ifAbsent?: boolean };

/** True when the row was written; false only for an `ifAbsent` write whose id exists (nothing is written then, its audit neither). */
export async function upsertConnector(database: DialectDatabase, input: DirectoryWrite<ConnectorRecord>): Promise<boolean> {
  const now = input.now.getTime();
  const values = { type: input.type, title: input.title, config: toJson(input.config) ?? '{}', updated_at: now };
  return database.transaction(async (trx) => {
    const written = await trx
      .insertInto('connectors')
      .values({ id: input.id, ...values, created_at: now })
      .onConflict((oc) => (input.ifAbsent === true ? oc.column('id').doNothing() : oc.column('id').doUpdateSet(values)))
      .executeTakeFirst();
    if (written.numInsertedOrUpdatedRows === 0n) return false;
    await bumpDirectoryVersion(trx);
    await appendAudit(trx, database.capabilities, input.audit, undefined);
    return true;
  });
}

export async function listConnectors(db: Kysely<Database>): Promise<ConnectorRecord[]> {
  const rows = await db.selectFrom('connectors').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, type: row.type, title: row.title, config: fromJson<Record<string, unknown>>(row.config) ?? {} }));
}

export async function upsertTeam(database: DialectDatabase, input: DirectoryWrite<TeamRecord>): Promise<boolean> {
  const now = input.now.getTime();
  const changed = { title: input.title, description: input.description, updated_at: now };
  return database.transaction(async (trx) => {
    const written = await trx
      .insertInto('teams')
      .values({ id: input.id, ...changed, created_at: now })
      .onConflict((oc) => (input.ifAbsent === true ? oc.column('id').doNothing() : oc.column('id').doUpdateSet(changed)))
      .executeTakeFirst();
    if (written.numInsertedOrUpdatedRows === 0n) return false;
    await trx.deleteFrom('team_members').where('team_id', '=', input.id).execute();
    if (input.members.length > 0) {
      await trx
        .insertInto('team_members')
        .values(
          input.members.map((member) => ({
            team_id: input.id,
            email: member.email.toLowerCase(),
            name: member.name,
            approval_limit_amount: member.approvalLimit?.amount ?? null,
            approval_limit_currency: member.approvalLimit?.currency ?? null,
          })),
        )
        .execute();
    }
    await bumpDirectoryVersion(trx);
    await appendAudit(trx, database.capabilities, input.audit, undefined);
    return true;
  });
}

export async function listTeams(db: Kysely<Database>, id?: string): Promise<TeamRecord[]> {
  const teams = await db.selectFrom('teams').selectAll().$if(id !== undefined, (qb) => qb.where('id', '=', id ?? '')).orderBy('id').execute();
  if (teams.length === 0) return [];
  const members = await db.selectFrom('team_members').selectAll().where('team_id', 'in', teams.map((team) => team.id)).orderBy('email').execute();
  return teams.map((team) => ({
    id: team.id,
    title: team.title,
    description: team.description,
    members: members
      .filter((member) => member.team_id === team.id)
      .map((member) => ({ email: member.email, name: member.name, approvalLimit: limitOf(member.approval_limit_amount, member.approval_limit_currency) })),
  }));
}

function limitOf(amount: number | null, currency: string | null): MajorMoney | null {
  return amount === null || currency === null ? null : { amount, currency };
}

export async function upsertService(database: DialectDatabase, input: DirectoryWrite<ServiceRecord>): Promise<boolean> {
  const now = input.now.getTime();
  const values = { title: input.title, description: input.description, offerings: toJson(input.offerings) ?? '[]', updated_at: now };
  return database.transaction(async (trx) => {
    const written = await trx
      .insertInto('services')
      .values({ id: input.id, ...values, created_at: now })
      .onConflict((oc) => (input.ifAbsent === true ? oc.column('id').doNothing() : oc.column('id').doUpdateSet(values)))
      .executeTakeFirst();
    if (written.numInsertedOrUpdatedRows === 0n) return false;
    await appendAudit(trx, database.capabilities, input.audit, undefined);
    return true;
  });
}

export async function listServices(db: Kysely<Database>): Promise<ServiceRecord[]> {
  const rows = await db.selectFrom('services').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, title: row.title, description: row.description, offerings: fromJson<unknown[]>(row.offerings) ?? [] }));
}
