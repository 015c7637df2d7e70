import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit-entry.ts';
import { canonicalJson } from './canonical-json.ts';

/** The hash an entry must carry: SHA-256 (hex) of its canonical content, its position and the previous hash. */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const content = {
    seq: entry.seq,
    at: entry.at.getTime(),
    actor: { type: entry.actor.type, id: entry.actor.id, via: entry.actor.via ?? null },
    action: entry.action,
    target: { type: entry.target.type, id: entry.target.id },
    serviceId: entry.serviceId,
    offeringId: entry.offeringId,
    detail: entry.detail,
    prevHash: entry.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
