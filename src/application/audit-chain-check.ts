/**
 * Walks a run of audit entries in seq order and finds the first that breaks
 * the hash chain, naming what was done to it: an entry whose content no
 * longer matches its hash was edited; a missing seq, or entries renumbered
 * down, is a deletion; entries renumbered up is an insertion; an entry that
 * hashes right only at another seq was moved (reordered). The seq is part of
 * each hash, so where an entry was first written can be recovered from it.
 */
import type { AuditEntry } from '../core/audit-entry.ts';
import { auditEntryHash } from '../core/audit-hash.ts';

export const AuditProblem = {
  edited: 'edited',
  deleted: 'deleted',
  inserted: 'inserted',
  reordered: 'reordered',
  /** The first kept entry does not link the hash the last purge recorded (or no purge is recorded). */
  unlinked: 'unlinked',
  /** The last entry is not the one `audit_head` records. */
  headMismatch: 'head_mismatch',
  /** The entry an outside anchor names is gone or has another hash. */
  anchorMismatch: 'anchor_mismatch',
} as const;
export type AuditProblem = (typeof AuditProblem)[keyof typeof AuditProblem];

export interface BadAuditEntry {
  seq: number;
  problem: AuditProblem;
  message: string;
}

/** Where entries come from, in seq order: the store, or an export file read back. */
export interface AuditEntrySource {
  entriesAfter(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

export interface ChainCheckOptions {
  source: AuditEntrySource;
  /** The seq before the first entry to check (the purge point, 0 for the whole trail). */
  startAfter: number;
  /** The hash the first entry must link (the genesis hash, or the one the purge recorded). */
  startHash: string;
  /** The last entry's seq and hash as recorded elsewhere (the head); unchecked when absent. */
  end?: { seq: number; hash: string };
  pageSize?: number;
}

export interface ChainCheckResult {
  checked: number;
  /** The last entry checked, or the start when none was. */
  last: { seq: number; hash: string };
  firstBad?: BadAuditEntry;
}

/** How far from its place a moved entry is looked for. */
const MOVE_WINDOW = 64;

export async function checkAuditChain(options: ChainCheckOptions): Promise<ChainCheckResult> {
  const pageSize = options.pageSize ?? 500;
  let expectedSeq = options.startAfter + 1;
  let previousHash = options.startHash;
  let checked = 0;
  const result = (firstBad?: BadAuditEntry): ChainCheckResult => ({ checked, last: { seq: expectedSeq - 1, hash: previousHash }, ...(firstBad === undefined ? {} : { firstBad }) });
  for (;;) {
    const page = await options.source.entriesAfter(expectedSeq - 1, pageSize);
    if (page.length === 0) break;
    for (const [index, entry] of page.entries()) {
      const bad = await problemOf(entry, { expectedSeq, previousHash, startAfter: options.startAfter, end: options.end, next: () => nextEntry(options.source, page, index) });
      if (bad !== undefined) return result(bad);
      previousHash = entry.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  const end = options.end;
  if (end !== undefined && expectedSeq - 1 < end.seq) {
    return result({ seq: expectedSeq, problem: AuditProblem.deleted, message: `entries ${expectedSeq} to ${end.seq} are missing: the trail ends at ${expectedSeq - 1} but its head records ${end.seq}` });
  }
  if (end !== undefined && previousHash !== end.hash) {
    return result({ seq: end.seq, problem: AuditProblem.headMismatch, message: `entry ${end.seq} has hash ${previousHash}, but the trail's head records ${end.hash}: the last entry was replaced` });
  }
  return result();
}

interface Position {
  expectedSeq: number;
  previousHash: string;
  startAfter: number;
  end: { seq: number; hash: string } | undefined;
  next: () => Promise<AuditEntry | undefined>;
}

async function problemOf(entry: AuditEntry, at: Position): Promise<BadAuditEntry | undefined> {
  const seq = at.expectedSeq;
  if (entry.seq > seq) return { seq, problem: AuditProblem.deleted, message: `entry ${seq} is missing: the trail goes from ${seq - 1} to ${entry.seq}` };
  if (at.end !== undefined && entry.seq > at.end.seq) {
    return { seq, problem: AuditProblem.inserted, message: `entry ${seq} is past the trail's head (${at.end.seq}): it was added without the trail's append` };
  }
  if (auditEntryHash(entry) !== entry.hash) return movedOrEdited(entry, await at.next());
  if (entry.prevHash === at.previousHash) return undefined;
  if (seq === at.startAfter + 1) {
    return { seq, problem: AuditProblem.unlinked, message: `entry ${seq}, the first kept, links hash ${entry.prevHash} but the purge before it recorded ${at.previousHash}` };
  }
  return { seq: seq - 1, problem: AuditProblem.edited, message: `entry ${seq - 1} was rewritten with a new hash: entry ${seq} was written after an entry with hash ${entry.prevHash}` };
}

function movedOrEdited(entry: AuditEntry, next: AuditEntry | undefined): BadAuditEntry {
  const seq = entry.seq;
  const writtenAt = writtenSeq(entry);
  if (writtenAt === undefined) return { seq, problem: AuditProblem.edited, message: `entry ${seq} was changed after it was written: its content no longer matches its hash` };
  if (writtenAt < seq) {
    return {
      seq: writtenAt,
      problem: AuditProblem.inserted,
      message: `${seq - writtenAt} entr${seq - writtenAt === 1 ? 'y was' : 'ies were'} inserted at ${writtenAt}: the entry written as ${writtenAt} now sits at ${seq}`,
    };
  }
  const shift = writtenAt - seq;
  if (next !== undefined && writtenSeq(next) === next.seq + shift) {
    return { seq, problem: AuditProblem.deleted, message: `entry ${seq} was deleted and the entries after it renumbered: the entry at ${seq} was written as ${writtenAt}` };
  }
  return { seq, problem: AuditProblem.reordered, message: `entry ${seq} holds the entry written as ${writtenAt}: entries were reordered` };
}

/** The seq an entry was hashed at, when its content is intact but it sits elsewhere. */
function writtenSeq(entry: AuditEntry): number | undefined {
  if (auditEntryHash(entry) === entry.hash) return entry.seq;
  for (let distance = 1; distance <= MOVE_WINDOW; distance += 1) {
    for (const seq of [entry.seq - distance, entry.seq + distance]) {
      if (seq >= 1 && auditEntryHash({ ...entry, seq }) === entry.hash) return seq;
    }
  }
  return undefined;
}

async function nextEntry(source: AuditEntrySource, page: readonly AuditEntry[], index: number): Promise<AuditEntry | undefined> {
  const inPage = page[index + 1];
  if (inPage !== undefined) return inPage;
  const current = page[index];
  if (current === undefined) return undefined;
  return (await source.entriesAfter(current.seq, 1))[0];
}

/** A source over entries already in memory (an export file read back). */
export function entriesSource(entries: readonly AuditEntry[]): AuditEntrySource {
  return {
    entriesAfter: (afterSeq, limit) => Promise.resolve(entries.filter((entry) => entry.seq > afterSeq).slice(0, limit)),
  };
}
