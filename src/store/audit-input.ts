/**
 * The audit entries a store write appends in its own transaction: given as
 * they are, or computed from what the write did (a publish's version number,
 * a status before and after), which only the transaction knows.
 */
import type { Kysely } from 'kysely';
import type { AuditEntryInput } from '../core/audit-entry.ts';
import { appendAuditEntries } from './audit-append.ts';
import type { Database } from './database-schema.ts';
import type { DialectCapabilities } from './dialect.ts';

/** One entry or several. */
export type AuditInput = AuditEntryInput | readonly AuditEntryInput[];

/** Entries, or a function that makes them from the change a write made. */
export type AuditOf<Change> = AuditInput | ((change: Change) => AuditInput);

/** Appends `audit` (made from `change` when it is a function) inside `trx`; nothing when it is undefined. */
export async function appendAudit<Change>(trx: Kysely<Database>, capabilities: DialectCapabilities, audit: AuditOf<Change> | undefined, change: Change): Promise<void> {
  if (audit === undefined) return;
  const entries = typeof audit === 'function' ? audit(change) : audit;
  await appendAuditEntries(trx, capabilities, isEntryList(entries) ? entries : [entries]);
}

function isEntryList(entries: AuditInput): entries is readonly AuditEntryInput[] {
  return Array.isArray(entries);
}
