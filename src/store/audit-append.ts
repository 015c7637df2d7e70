/**
 * Appends audit entries inside the caller's transaction, so an entry is
 * written exactly when the change it records commits. The head row is read
 * with a row lock where the dialect has them (PostgreSQL): concurrent
 * appenders queue on it, so seqs stay gapless and each entry links the one
 * before. SQLite's single writer serialises them already.
 */
import type { Kysely } from 'kysely';
import type { AuditEntry, AuditEntryInput } from '../core/audit-entry.ts';
import { auditEntryHash } from '../core/audit-hash.ts';
import type { Database } from './database-schema.ts';
import type { DialectCapabilities } from './dialect.ts';

export async function appendAuditEntries(trx: Kysely<Database>, capabilities: DialectCapabilities, entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
  if (entries.length === 0) return [];
  let query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (capabilities.rowLocks) query = query.forUpdate();
  const head = await query.executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const appended: AuditEntry[] = [];
  for (const input of entries) {
    seq += 1;
    const unhashed = {
      seq,
      at: input.at,
      actor: input.actor,
      action: input.action,
      target: input.target,
      serviceId: input.serviceId ?? null,
      offeringId: input.offeringId ?? null,
      detail: input.detail ?? {},
      prevHash,
    };
    const entry: AuditEntry = { ...unhashed, hash: auditEntryHash(unhashed) };
    appended.push(entry);
    prevHash = entry.hash;
  }
  await trx.insertInto('audit_entries').values(appended.map(toRow)).execute();
  await trx.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
  return appended;
}

function toRow(entry: AuditEntry): Database['audit_entries'] {
  return {
    seq: entry.seq,
    at: entry.at.getTime(),
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    actor_via: entry.actor.via ?? null,
    action: entry.action,
    target_type: entry.target.type,
    target_id: entry.target.id,
    service_id: entry.serviceId,
    offering_id: entry.offeringId,
    detail: JSON.stringify(entry.detail),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}
