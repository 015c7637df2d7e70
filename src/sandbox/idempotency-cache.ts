import { createHash } from 'node:crypto';
import type { FormValue } from './form-decoder.ts';

/** A remembered answer to a POST sent with an `Idempotency-Key`. */
export interface IdempotencyEntry {
  /** Hash of the API key and connected account the key belongs to. */
  scope: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  /** Unix seconds. */
  createdAt: number;
}

export type IdempotencyLookup =
  | { kind: 'miss' }
  | { kind: 'replay'; entry: IdempotencyEntry }
  | { kind: 'mismatch'; entry: IdempotencyEntry };

export interface IdempotentRequest {
  scope: string;
  key: string;
  method: string;
  path: string;
  params: FormValue;
  /** Unix seconds. */
  now: number;
}

/** Stripe prunes keys after at least 24 hours; a key reused after that runs as a new request. */
const TTL_SECONDS = 24 * 60 * 60;

/** Keys are scoped per API key (and connected account); the key itself is never stored. */
export function idempotencyScope(apiKey: string, account: string | null): string {
  return createHash('sha256').update(`${apiKey}\n${account ?? ''}`).digest('hex');
}

/** Finds the remembered answer for a request, or tells that its parameters differ from the first use. */
export function lookupIdempotency(entries: Map<string, IdempotencyEntry>, request: IdempotentRequest): IdempotencyLookup {
  const id = entryId(request.scope, request.key);
  const entry = entries.get(id);
  if (entry === undefined) return { kind: 'miss' };
  if (request.now - entry.createdAt >= TTL_SECONDS) {
    entries.delete(id);
    return { kind: 'miss' };
  }
  const same = entry.method === request.method && entry.path === request.path && entry.fingerprint === fingerprint(request.params);
  return same ? { kind: 'replay', entry } : { kind: 'mismatch', entry };
}

/** Remembers an answer, and forgets the entries older than Stripe keeps them. */
export function rememberIdempotency(
  entries: Map<string, IdempotencyEntry>,
  request: IdempotentRequest,
  answer: { status: number; body: string; requestId: string },
): void {
  for (const [id, entry] of entries) {
    if (request.now - entry.createdAt >= TTL_SECONDS) entries.delete(id);
  }
  entries.set(entryId(request.scope, request.key), {
    scope: request.scope,
    key: request.key,
    method: request.method,
    path: request.path,
    fingerprint: fingerprint(request.params),
    status: answer.status,
    body: answer.body,
    requestId: answer.requestId,
    createdAt: request.now,
  });
}

/** The message Stripe gives when a key is reused with other parameters. */
export function mismatchMessage(key: string): string {
  return `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
}

function entryId(scope: string, key: string): string {
  return `${scope}:${key}`;
}

function fingerprint(params: FormValue): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex');
}

function canonicalJson(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? '')}`).join(',')}}`;
}
