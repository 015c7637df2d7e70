/**
 * Retention: entries older than a date leave the database, but only after
 * they are written to a JSONL file (one entry a line, as auditEntryJson
 * gives it), flushed to disk, read back and checked against the chain. The
 * purge then records what it removed, the last removed entry's hash and the
 * file's SHA-256 in an `audit.purged` entry, so the kept trail still links
 * to the exported one and the file can be proven to be the one purged.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { AuditActor, AuditEntry } from '../core/audit-entry.ts';
import { PermanentError } from '../core/errors.ts';
import type { AuditStore } from '../store/audit-store.ts';
import { checkAuditChain, entriesSource } from './audit-chain-check.ts';
import { auditEntryFromJson, auditEntryJson } from './audit-entry-json.ts';
import { auditPurgePoint } from './verify-audit-trail.ts';

export interface PurgeAuditOptions {
  /** Entries written before this time are purged (up to the first one that is not). */
  before: Date;
  /** The JSONL file to write; it must not exist yet. */
  exportFile: string;
  actor: AuditActor;
  now: Date;
}

export interface AuditPurgeReport {
  purged: number;
  /** The last purged seq and its hash (the kept trail's first entry links it); 0 and '' when nothing was old enough. */
  throughSeq: number;
  throughHash: string;
  /** Written only when something was purged. */
  exportFile: string | null;
  exportSha256: string | null;
  /** The `audit.purged` entry. */
  recordedAs: AuditEntry | null;
}

const PAGE = 500;

/**
 * @throws PermanentError `audit_export_failed` when the file cannot be written or does not read back the same (nothing is purged)
 * @throws PermanentError `audit_trail_broken` when the entries to purge break the chain (kept, as the evidence)
 * @throws ConflictError `audit_purge_conflict` when another purge ran meanwhile
 */
export async function purgeAuditTrail(audit: AuditStore, options: PurgeAuditOptions): Promise<AuditPurgeReport> {
  const head = await audit.head();
  const start = await auditPurgePoint(audit, head.purgedThrough);
  if ('firstBad' in start) throw new PermanentError('audit_trail_broken', `nothing purged: ${start.firstBad.message}`);
  const old = await entriesBefore(audit, head.purgedThrough, options.before);
  const last = old.at(-1);
  if (last === undefined) return { purged: 0, throughSeq: 0, throughHash: '', exportFile: null, exportSha256: null, recordedAs: null };
  const text = old.map((entry) => `${JSON.stringify(auditEntryJson(entry))}\n`).join('');
  writeDurably(options.exportFile, text);
  const exported = readBack(options.exportFile, text);
  const chain = await checkAuditChain({ source: entriesSource(exported), startAfter: head.purgedThrough, startHash: start.hash, end: { seq: last.seq, hash: last.hash } });
  if (chain.firstBad !== undefined) {
    throw new PermanentError('audit_trail_broken', `nothing purged: entry ${chain.firstBad.seq} is ${chain.firstBad.problem} (${chain.firstBad.message}); run \`tollgate audit verify\``);
  }
  const exportSha256 = createHash('sha256').update(text).digest('hex');
  const recordedAs = await audit.purgeThrough({
    throughSeq: last.seq,
    expectedPurgedThrough: head.purgedThrough,
    record: {
      actor: options.actor,
      action: 'audit.purged',
      target: { type: 'audit', id: 'trail' },
      detail: { throughSeq: last.seq, throughHash: last.hash, count: old.length, exportSha256, exportFile: options.exportFile, before: options.before.toISOString() },
      at: options.now,
    },
  });
  return { purged: old.length, throughSeq: last.seq, throughHash: last.hash, exportFile: options.exportFile, exportSha256, recordedAs };
}

/** The kept entries from the start of the trail written before `before`, stopping at the first that is not. */
async function entriesBefore(audit: AuditStore, purgedThrough: number, before: Date): Promise<AuditEntry[]> {
  const old: AuditEntry[] = [];
  let after = purgedThrough;
  for (;;) {
    const page = await audit.entriesAfter(after, PAGE);
    for (const entry of page) {
      if (entry.at.getTime() >= before.getTime()) return old;
      old.push(entry);
    }
    const lastOfPage = page.at(-1);
    if (lastOfPage === undefined) return old;
    after = lastOfPage.seq;
  }
}

function writeDurably(file: string, text: string): void {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'wx', 0o600);
    writeSync(descriptor, text);
    fsyncSync(descriptor);
  } catch (error) {
    throw new PermanentError('audit_export_failed', `nothing purged: could not write the export file ${file} (${error instanceof Error ? error.message : String(error)}); give a new file in a writable folder with room`, { cause: error });
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function readBack(file: string, written: string): AuditEntry[] {
  const text = readFileSync(file, 'utf8');
  if (text !== written) throw new PermanentError('audit_export_failed', `nothing purged: the export file ${file} did not read back as written`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index) => {
      const entry = auditEntryFromJson(JSON.parse(line));
      if (entry === undefined) throw new PermanentError('audit_export_failed', `nothing purged: line ${index + 1} of the export file ${file} is not an audit entry`);
      return entry;
    });
}
