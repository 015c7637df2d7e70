/**
 * An audit entry as JSON: the shape of the API, of `--json` output and of
 * the JSONL files a retention purge exports. It keeps every hashed field, so
 * a file read back can be verified on its own (`auditEntryFromJson`).
 */
import { z } from 'zod';
import type { AuditEntry } from '../core/audit-entry.ts';
import type { JsonValue } from '../core/json.ts';

export interface AuditEntryJson {
  seq: number;
  /** ISO 8601 with milliseconds: the hash covers the millisecond. */
  at: string;
  actor: { type: 'user' | 'run' | 'system'; id: string; via: string | null };
  action: string;
  target: { type: string; id: string };
  service: string | null;
  offering: string | null;
  detail: Record<string, JsonValue>;
  prev_hash: string;
  hash: string;
}

export function auditEntryJson(entry: AuditEntry): AuditEntryJson {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: { type: entry.actor.type, id: entry.actor.id, via: entry.actor.via ?? null },
    action: entry.action,
    target: { type: entry.target.type, id: entry.target.id },
    service: entry.serviceId,
    offering: entry.offeringId,
    detail: entry.detail,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

const jsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

const entryJsonSchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  actor: z.strictObject({ type: z.enum(['user', 'run', 'system']), id: z.string(), via: z.string().nullable() }),
  action: z.string(),
  target: z.strictObject({ type: z.string(), id: z.string() }),
  service: z.string().nullable(),
  offering: z.string().nullable(),
  detail: z.record(z.string(), jsonValue),
  prev_hash: z.string(),
  hash: z.string(),
});

/** Reads an entry back from its JSON; undefined when `value` is not one. */
export function auditEntryFromJson(value: unknown): AuditEntry | undefined {
  const parsed = entryJsonSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const json = parsed.data;
  return {
    seq: json.seq,
    at: new Date(json.at),
    actor: { type: json.actor.type, id: json.actor.id, ...(json.actor.via === null ? {} : { via: json.actor.via }) },
    action: json.action as AuditEntry['action'],
    target: json.target,
    serviceId: json.service,
    offeringId: json.offering,
    detail: json.detail,
    prevHash: json.prev_hash,
    hash: json.hash,
  };
}
