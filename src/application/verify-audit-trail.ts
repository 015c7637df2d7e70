/**
 * `audit verify`: the whole kept trail checked against its hash chain, its
 * head and, when given, an anchor an outside copy kept. An attacker with
 * write access to the database can rewrite every entry and the head
 * consistently; only an anchor recorded outside (the log, a ticket, another
 * system) shows that.
 */
import { GENESIS_HASH } from '../core/audit-entry.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { AuditStore } from '../store/audit-store.ts';
import { AuditProblem, checkAuditChain, type BadAuditEntry } from './audit-chain-check.ts';

export interface AuditAnchor {
  seq: number;
  hash: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  /** Entries checked: every entry kept (those after `purgedThrough`) up to the first bad one. */
  checked: number;
  head: AuditAnchor;
  purgedThrough: number;
  /** The anchor given and what became of it: `purged` cannot be proven here (its export file can). */
  anchor?: AuditAnchor & { status: 'matches' | 'purged' | 'mismatch' };
  firstBad?: BadAuditEntry;
}

export async function verifyAuditTrail(audit: AuditStore, options: { anchor?: AuditAnchor } = {}): Promise<AuditVerifyReport> {
  const head = await audit.head();
  const base = { head: { seq: head.seq, hash: head.hash }, purgedThrough: head.purgedThrough };
  const start = await auditPurgePoint(audit, head.purgedThrough);
  if ('firstBad' in start) return { ok: false, checked: 0, ...base, firstBad: start.firstBad };
  const chain = await checkAuditChain({ source: audit, startAfter: head.purgedThrough, startHash: start.hash, end: { seq: head.seq, hash: head.hash } });
  if (chain.firstBad !== undefined) return { ok: false, checked: chain.checked, ...base, firstBad: chain.firstBad };
  if (options.anchor === undefined) return { ok: true, checked: chain.checked, ...base };
  const { message, ...anchor } = await anchorStatus(audit, options.anchor, head.purgedThrough, start.hash);
  if (anchor.status !== 'mismatch') return { ok: true, checked: chain.checked, ...base, anchor };
  return { ok: false, checked: chain.checked, ...base, anchor, firstBad: { seq: anchor.seq, problem: AuditProblem.anchorMismatch, message } };
}

/** The hash the first kept entry must link: the genesis hash, or the one the last purge recorded in its `audit.purged` entry. */
export async function auditPurgePoint(audit: AuditStore, purgedThrough: number): Promise<{ hash: string } | { firstBad: BadAuditEntry }> {
  if (purgedThrough === 0) return { hash: GENESIS_HASH };
  const { items } = await audit.list({ actions: ['audit.purged'] }, { limit: 1 });
  const detail = items[0]?.detail;
  if (detail?.['throughSeq'] === purgedThrough && typeof detail['throughHash'] === 'string') return { hash: detail['throughHash'] };
  return {
    firstBad: {
      seq: purgedThrough + 1,
      problem: AuditProblem.unlinked,
      message: `the trail was purged through ${purgedThrough}, but no audit.purged entry records that purge and the hash the next entry must link`,
    },
  };
}

async function anchorStatus(audit: AuditStore, anchor: AuditAnchor, purgedThrough: number, purgeHash: string): Promise<AuditAnchor & { status: 'matches' | 'purged' | 'mismatch'; message: string }> {
  if (anchor.seq === purgedThrough) {
    const matches = anchor.hash === purgeHash;
    return { ...anchor, status: matches ? 'matches' : 'mismatch', message: matches ? '' : `entry ${anchor.seq} (the last purged) had hash ${purgeHash}, not the anchor's ${anchor.hash}: the trail was rewritten` };
  }
  if (anchor.seq < purgedThrough) return { ...anchor, status: 'purged', message: '' };
  const entry = await audit.get(anchor.seq);
  if (entry === undefined) return { ...anchor, status: 'mismatch', message: `entry ${anchor.seq} of the anchor is not in the trail: it was truncated` };
  if (entry.hash === anchor.hash) return { ...anchor, status: 'matches', message: '' };
  return { ...anchor, status: 'mismatch', message: `entry ${anchor.seq} has hash ${entry.hash}, not the anchor's ${anchor.hash}: the trail was rewritten since the anchor was taken` };
}

/**
 * Reads an anchor written `<seq>:<hash>`.
 * @throws InvalidInputError `audit_anchor_invalid`
 */
export function parseAuditAnchor(text: string, path = 'anchor'): AuditAnchor {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new InvalidInputError('audit_anchor_invalid', `${path}: "${text}" is not an anchor; write <seq>:<hash>, e.g. 42:${'ab'.repeat(32)}, as GET /api/v1/audit/anchor gives it`, [], { path });
  }
  return { seq: Number(match[1]), hash: match[2] };
}
