import type { Fault, QueuedFault, StatusFault } from './fault-injection.ts';
import { invalidRequest } from './sandbox-errors.ts';

const FIELDS = ['count', 'status', 'kind', 'after_processing', 'method', 'path', 'retry_after'];
const STATUSES: readonly StatusFault['status'][] = [500, 429, 502, 503, 504];
const METHODS = ['GET', 'POST', 'DELETE'];
const MAX_COUNT = 1000;

/** A queued fault as `GET /_sandbox/faults` shows it: the fields `POST /_sandbox/faults` takes. */
export interface FaultView {
  count: number;
  status?: number;
  kind?: 'timeout';
  after_processing: boolean;
  method?: string;
  path?: string;
  retry_after?: number;
}

/**
 * Reads the JSON body of `POST /_sandbox/faults`: `{count, status: 500|429|502|503|504
 * | kind: "timeout", after_processing?, method?, path?, retry_after?}`. Each
 * wrong field is refused with its name and what it allows.
 */
export function readFaultRequest(input: Record<string, unknown>): { count: number; fault: Fault } {
  const unknown = Object.keys(input).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) throw invalidRequest(`Unknown fault field "${unknown}". Known fields: ${FIELDS.join(', ')}.`, { param: unknown });
  const count = input.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw invalidRequest(`"count" must be an integer from 1 to ${MAX_COUNT}: how many matching requests fail.`, { param: 'count' });
  }
  if ((input.status === undefined) === (input.kind === undefined)) {
    throw invalidRequest(`Give either "status" (${STATUSES.join(', ')}) or "kind": "timeout" (no answer at all), not ${input.status === undefined ? 'neither' : 'both'}.`, { param: 'status' });
  }
  if (input.kind !== undefined && input.kind !== 'timeout') throw invalidRequest(`"kind" must be "timeout", got ${JSON.stringify(input.kind)}; for an error answer give "status" instead.`, { param: 'kind' });
  if (input.status !== undefined && !STATUSES.includes(input.status as StatusFault['status'])) {
    throw invalidRequest(`"status" must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(input.status)}.`, { param: 'status' });
  }
  if (input.after_processing !== undefined && typeof input.after_processing !== 'boolean') {
    throw invalidRequest('"after_processing" must be true (run the request, then fail the answer) or false (fail without running it).', { param: 'after_processing' });
  }
  const match: { method?: string; path?: string } = {};
  if (input.method !== undefined) {
    if (typeof input.method !== 'string' || !METHODS.includes(input.method.toUpperCase())) throw invalidRequest(`"method" must be one of ${METHODS.join(', ')}.`, { param: 'method' });
    match.method = input.method.toUpperCase();
  }
  if (input.path !== undefined) {
    if (typeof input.path !== 'string' || !input.path.startsWith('/v1/')) throw invalidRequest('"path" must be an API path starting with /v1/, e.g. /v1/refunds.', { param: 'path' });
    match.path = input.path;
  }
  const base = { afterProcessing: input.after_processing === true, ...(Object.keys(match).length === 0 ? {} : { match }) };
  if (input.status === undefined) {
    if (input.retry_after !== undefined) throw invalidRequest('"retry_after" goes with "status": 429 only.', { param: 'retry_after' });
    return { count, fault: { kind: 'hang', ...base } };
  }
  const fault: StatusFault = { kind: 'status', status: input.status as StatusFault['status'], ...base };
  if (input.retry_after !== undefined) {
    if (input.status !== 429) throw invalidRequest('"retry_after" goes with "status": 429 only.', { param: 'retry_after' });
    if (typeof input.retry_after !== 'number' || !Number.isInteger(input.retry_after) || input.retry_after < 0) throw invalidRequest('"retry_after" must be a whole number of seconds.', { param: 'retry_after' });
    fault.retryAfter = input.retry_after;
  }
  return { count, fault };
}

/** A queued fault in the shape `POST /_sandbox/faults` takes. */
export function viewFault(queued: QueuedFault): FaultView {
  const { fault } = queued;
  const view: FaultView = { count: queued.remaining, after_processing: fault.afterProcessing === true };
  if (fault.kind === 'status') view.status = fault.status;
  else view.kind = 'timeout';
  if (fault.match?.method !== undefined) view.method = fault.match.method;
  if (fault.match?.path !== undefined) view.path = String(fault.match.path);
  if (fault.kind === 'status' && fault.retryAfter !== undefined) view.retry_after = fault.retryAfter;
  return view;
}
