/**
 * Scopes of a run: each foreach iteration and parallel branch has its own
 * variables (a row keyed by run and scope path), and its container (the
 * foreach or parallel step) a row counting the scopes that ended. Every read
 * and write here is by exact key, so a step's cost does not grow with the
 * number of iterations.
 */
import type { Kysely } from 'kysely';
import type { Variables } from '../core/json.ts';
import type { Database } from './database-schema.ts';
import type { ContainerRecord, OpenedScopes, ScopeEndRecord } from './records.ts';
import { fromJson, toJson } from './row-mappers.ts';

/** Rows per INSERT: well inside both dialects' limits on bound parameters. */
const INSERT_CHUNK = 500;

/** Opens a container's scopes for a new visit; what an earlier visit left in them is dropped. */
export async function openScopes(trx: Kysely<Database>, runId: string, open: OpenedScopes): Promise<void> {
  const { ownerPath, visit, scopes } = open;
  await trx
    .insertInto('run_containers')
    .values({ run_id: runId, step_path: ownerPath, visit, scopes: scopes.length, ended: 0 })
    .onConflict((oc) => oc.columns(['run_id', 'step_path']).doUpdateSet({ visit, scopes: scopes.length, ended: 0 }))
    .execute();
  await trx.deleteFrom('run_scopes').where('run_id', '=', runId).where('owner_path', '=', ownerPath).execute();
  for (let start = 0; start < scopes.length; start += INSERT_CHUNK) {
    const rows = scopes.slice(start, start + INSERT_CHUNK).map((scope) => ({
      run_id: runId,
      scope: `${ownerPath}/${scope.index}/`,
      owner_path: ownerPath,
      scope_index: scope.index,
      variables: toJson(scope.variables) ?? '{}',
      end_order: null,
      output: null,
    }));
    await trx.insertInto('run_scopes').values(rows).execute();
  }
}

/** Sets variables of one scope (a step inside it output or `set` them). */
export async function assignScopeVariables(trx: Kysely<Database>, runId: string, scope: string, values: Variables): Promise<void> {
  const row = await trx.selectFrom('run_scopes').select('variables').where('run_id', '=', runId).where('scope', '=', scope).executeTakeFirst();
  // A step in a scope that was never opened failed its run when it read its variables: nothing to set.
  if (!row) return;
  const variables = { ...(fromJson<Variables>(row.variables) ?? {}), ...values };
  await trx.updateTable('run_scopes').set({ variables: toJson(variables) ?? '{}' }).where('run_id', '=', runId).where('scope', '=', scope).execute();
}

/** A scope ended: keep its output and the order it ended in, and count it on its container (once). */
export async function endScope(trx: Kysely<Database>, runId: string, end: { scope: string; ownerPath: string; output: unknown }): Promise<void> {
  const row = await trx.selectFrom('run_scopes').select('end_order').where('run_id', '=', runId).where('scope', '=', end.scope).executeTakeFirst();
  if (!row || row.end_order !== null) return;
  const container = await trx
    .updateTable('run_containers')
    .set((eb) => ({ ended: eb('ended', '+', 1) }))
    .where('run_id', '=', runId)
    .where('step_path', '=', end.ownerPath)
    .returning('ended')
    .executeTakeFirst();
  if (!container) return;
  await trx
    .updateTable('run_scopes')
    .set({ end_order: container.ended, output: toJson(end.output ?? null) })
    .where('run_id', '=', runId)
    .where('scope', '=', end.scope)
    .execute();
}

/** The variables of the given scopes of a run, by scope path; a scope never opened is absent. */
export async function readScopeVariables(db: Kysely<Database>, runId: string, scopes: readonly string[]): Promise<Map<string, Variables>> {
  if (scopes.length === 0) return new Map();
  const rows = await db.selectFrom('run_scopes').select(['scope', 'variables']).where('run_id', '=', runId).where('scope', 'in', [...scopes]).execute();
  return new Map(rows.map((row) => [row.scope, fromJson<Variables>(row.variables) ?? {}]));
}

export async function getContainer(db: Kysely<Database>, runId: string, stepPath: string): Promise<ContainerRecord | undefined> {
  const row = await db.selectFrom('run_containers').select(['visit', 'scopes', 'ended']).where('run_id', '=', runId).where('step_path', '=', stepPath).executeTakeFirst();
  return row && { visit: Number(row.visit), scopes: Number(row.scopes), ended: Number(row.ended) };
}

/** The scopes a container opened, by index, with how each ended (if it did). */
export async function listScopeEnds(db: Kysely<Database>, runId: string, ownerPath: string): Promise<ScopeEndRecord[]> {
  const rows = await db
    .selectFrom('run_scopes')
    .select(['scope_index', 'end_order', 'output'])
    .where('run_id', '=', runId)
    .where('owner_path', '=', ownerPath)
    .orderBy('scope_index')
    .execute();
  return rows.map((row) => ({ index: Number(row.scope_index), endOrder: row.end_order === null ? null : Number(row.end_order), output: fromJson(row.output) }));
}
