import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../core/clock.ts';
import { newId } from '../core/ids.ts';
import { authenticate } from './api-key-auth.ts';
import { faultError, type Fault } from './fault-injection.ts';
import { decodeForm, type FormObject } from './form-decoder.ts';
import { idempotencyScope, lookupIdempotency, mismatchMessage, rememberIdempotency, type IdempotentRequest } from './idempotency-cache.ts';
import { expandResult } from './object-expansion.ts';
import type { OperationContext } from './operation-context.ts';
import { readStringList } from './param-readers.ts';
import { invalidRequest, SandboxApiError } from './sandbox-errors.ts';
import { matchRoute } from './sandbox-router.ts';
import type { SandboxState } from './sandbox-state.ts';
import type { StripeEvent } from './stripe-objects.ts';

export interface ApiRequest {
  method: string;
  path: string;
  query: string;
  body: string;
  headers: IncomingHttpHeaders;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ApiOutcome = { kind: 'respond'; response: ApiResponse } | { kind: 'hang' };

/** One API request as the sandbox saw it; `status` is null while unanswered (or hung). */
export interface RecordedRequest {
  requestId: string;
  method: string;
  path: string;
  params: FormObject;
  idempotencyKey: string | null;
  account: string | null;
  status: number | null;
  replayed: boolean;
  at: Date;
}

export interface ApiHandlerDeps {
  state: SandboxState;
  clock: Clock;
  apiVersion: string;
  takeFault(method: string, path: string): Fault | undefined;
  record(request: RecordedRequest): void;
  /** Called after a request that may have changed state, with the events it emitted, before the answer goes out. */
  committed(events: readonly StripeEvent[]): void;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * Answers one `/v1/…` request the way Stripe does: injected faults first, then
 * the API key, `Idempotency-Key` replay, the endpoint, and `expand[]`.
 */
export function handleApiRequest(deps: ApiHandlerDeps, request: ApiRequest): ApiOutcome {
  const requestId = newId('req', deps.clock.now());
  const idempotencyKey = header(request.headers, 'idempotency-key');
  const apiVersion = header(request.headers, 'stripe-version') ?? deps.apiVersion;
  const recorded: RecordedRequest = {
    requestId,
    method: request.method,
    path: request.path,
    params: {},
    idempotencyKey: idempotencyKey ?? null,
    account: header(request.headers, 'stripe-account') ?? null,
    status: null,
    replayed: false,
    at: deps.clock.now(),
  };
  deps.record(recorded);

  const fault = deps.takeFault(request.method, request.path);
  if (fault !== undefined && fault.afterProcessing !== true) return faultOutcome(fault);
  const answer = execute(deps, request, recorded, apiVersion);
  if (fault !== undefined) return faultOutcome(fault);

  recorded.status = answer.status;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'request-id': requestId,
    'stripe-version': apiVersion,
    ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
    ...(recorded.account === null ? {} : { 'stripe-account': recorded.account }),
    ...answer.headers,
  };
  return { kind: 'respond', response: { status: answer.status, headers, body: answer.body } };

  function faultOutcome(injected: Fault): ApiOutcome {
    if (injected.kind === 'hang') return { kind: 'hang' };
    const error = faultError(injected);
    recorded.status = error.status;
    const extra: Record<string, string> = injected.retryAfter === undefined ? {} : { 'retry-after': String(injected.retryAfter) };
    return { kind: 'respond', response: { status: error.status, headers: { 'content-type': 'application/json', 'request-id': requestId, ...extra }, body: json(error.toResponseBody()) } };
  }
}

function execute(deps: ApiHandlerDeps, request: ApiRequest, recorded: RecordedRequest, apiVersion: string): Answer {
  let idempotent: IdempotentRequest | undefined;
  try {
    recorded.params = decodeForm([request.query, request.body].filter((part) => part !== '').join('&'));
    const apiKey = authenticate(header(request.headers, 'authorization'));
    if (request.method === 'POST' && recorded.idempotencyKey !== null) {
      idempotent = {
        scope: idempotencyScope(apiKey, recorded.account),
        key: recorded.idempotencyKey,
        method: request.method,
        path: request.path,
        params: recorded.params,
        now: Math.floor(deps.clock.now().getTime() / 1000),
      };
      const found = lookupIdempotency(deps.state.idempotency, idempotent);
      if (found.kind === 'mismatch') {
        throw new SandboxApiError(400, { type: 'idempotency_error', message: mismatchMessage(idempotent.key) }, { remembered: false });
      }
      if (found.kind === 'replay') {
        recorded.replayed = true;
        return { status: found.entry.status, body: found.entry.body, headers: { 'idempotent-replayed': 'true', 'original-request': found.entry.requestId } };
      }
    }
    const match = matchRoute(request.method, request.path);
    if (match === undefined) {
      throw invalidRequest(`Unrecognized request URL (${request.method}: ${request.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`, { status: 404 });
    }
    const ctx: OperationContext = {
      state: deps.state,
      clock: deps.clock,
      request: { id: recorded.requestId, idempotencyKey: recorded.idempotencyKey },
      account: recorded.account,
      apiVersion,
      emitted: [],
    };
    try {
      const result = match.route.handler(ctx, recorded.params, match.id);
      const expand = readStringList(recorded.params, 'expand') ?? [];
      const answer = { status: 200, body: json(expand.length === 0 ? result : expandResult(deps.state, result, expand)) };
      remember(deps, idempotent, answer, recorded.requestId);
      return answer;
    } catch (error) {
      if (error instanceof SandboxApiError && error.remembered) remember(deps, idempotent, errorAnswer(error), recorded.requestId);
      throw error;
    } finally {
      if (request.method !== 'GET') deps.committed(ctx.emitted);
    }
  } catch (error) {
    return errorAnswer(error);
  }
}

function remember(deps: ApiHandlerDeps, request: IdempotentRequest | undefined, answer: Answer, requestId: string): void {
  if (request !== undefined) rememberIdempotency(deps.state.idempotency, request, { status: answer.status, body: answer.body, requestId });
}

function errorAnswer(error: unknown): Answer {
  if (error instanceof SandboxApiError) return { status: error.status, body: json(error.toResponseBody()) };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: json({ error: { type: 'api_error', message: `The Stripe sandbox failed: ${message}` } }) };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
