import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { foreignErrorCode } from '../core/error-codes.ts';
import { TollgateError } from '../core/errors.ts';
import type { ApiErrorBody, ApiIssue } from './api-types.ts';
import { sendHttp, type HttpFailure } from './http-exchange.ts';

/** Where the running server is and how to authenticate to it. */
export interface ServerConnection {
  /** e.g. `http://127.0.0.1:8080`; a path prefix is kept. */
  serverUrl: string;
  /** Where the CLI found serverUrl (`from --server`, `the default`, a server's note), said when it cannot reach it. */
  serverSource?: string;
  /** Sent as `Authorization: Bearer <key>`. */
  apiKey: string | undefined;
  /** Milliseconds one request may take. Default 30 s. */
  timeoutMs?: number;
  /**
   * One key per CLI invocation. Each POST sends an `Idempotency-Key` derived
   * from it and from the request (so several POSTs of one invocation have
   * distinct keys, and a repeat of one POST has the same).
   */
  invocationKey?: string;
  /** How often, and after how long, a request that may be repeated is sent again after a network error. Default 3 retries from 250 ms, doubling. */
  retry?: RetryPolicy;
}

export interface RetryPolicy {
  retries: number;
  firstDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { retries: 3, firstDelayMs: 250 };

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Below the server URL, e.g. `/api/v1/runs`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body, or raw text with its content type. */
  body?: { json: unknown } | { text: string; contentType: string };
  /**
   * The route honours `Idempotency-Key` (it starts or decides something): a
   * POST that may have reached the server before the connection failed is
   * sent again with the same key. Other POSTs are sent again only when the
   * connection was refused (nothing reached the server).
   */
  idempotent?: boolean;
}

/** An error answer from the server: its code, message and issues, as it sent them. */
export class ApiError extends TollgateError {
  readonly status: number;
  readonly issues: readonly ApiIssue[];
  constructor(status: number, body: ApiErrorBody['error']) {
    super(foreignErrorCode(body.code), body.message, body.path === undefined ? {} : { path: body.path });
    this.status = status;
    this.issues = body.issues ?? [];
  }
}

/**
 * Calls the Tollgate HTTP API and returns the decoded JSON answer. A network
 * error is retried, with backoff, when repeating cannot do the work twice: a
 * refused connection, a GET, or an `idempotent` POST (same key each time).
 * An answer `idempotency_key_in_use` (the first try still runs) is awaited
 * the same way.
 *
 * @throws ApiError for an error answer; TollgateError `server_unreachable` when nothing answers,
 *   `server_timeout` when the answer takes too long, `server_response_invalid` when it is not Tollgate's JSON.
 * @example const { runs } = await apiRequest<RunListView>(connection, { method: 'GET', path: '/api/v1/runs' })
 */
export async function apiRequest<T>(connection: ServerConnection, request: ApiRequest): Promise<T> {
  const policy = connection.retry ?? DEFAULT_RETRY;
  const init = requestInit(connection, request);
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await exchange(connection, request, init);
    const last = attempt >= policy.retries;
    if (outcome.kind === 'answer') {
      const stillRunning = outcome.status === 409 && isErrorBody(outcome.decoded) && outcome.decoded.error.code === 'idempotency_key_in_use';
      if (!stillRunning || last) return answerOf<T>(connection, request, outcome);
    } else if (last || !mayRepeat(outcome.failure, request)) {
      throw outcome.error;
    }
    await sleep(policy.firstDelayMs * 2 ** attempt);
  }
}

type Exchange =
  | { kind: 'answer'; status: number; statusText: string; location: string | undefined; decoded: unknown }
  | { kind: 'failed'; failure: HttpFailure; error: TollgateError };

function requestInit(connection: ServerConnection, request: ApiRequest): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (connection.apiKey !== undefined) headers.authorization = `Bearer ${connection.apiKey}`;
  let body: string | undefined;
  if (request.body !== undefined && 'json' in request.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body.json);
  } else if (request.body !== undefined) {
    headers['content-type'] = request.body.contentType;
    body = request.body.text;
  }
  if (request.method === 'POST' && connection.invocationKey !== undefined) headers['idempotency-key'] = requestKey(connection.invocationKey, request, body);
  return { headers, body };
}

/** The invocation's key, made distinct per request: the same request always gets the same key. */
function requestKey(invocationKey: string, request: ApiRequest, body: string | undefined): string {
  const digest = createHash('sha256').update(`${request.method} ${request.path}\n${JSON.stringify(request.query ?? {})}\n${body ?? ''}`).digest('hex');
  return `${invocationKey}-${digest.slice(0, 16)}`;
}

async function exchange(connection: ServerConnection, request: ApiRequest, init: { headers: Record<string, string>; body: string | undefined }): Promise<Exchange> {
  const timeoutMs = connection.timeoutMs ?? 30_000;
  const outcome = await sendHttp({ method: request.method, url: urlOf(connection.serverUrl, request), ...init, timeoutMs });
  switch (outcome.kind) {
    case 'answer':
      return { kind: 'answer', status: outcome.status, statusText: outcome.statusText, location: outcome.headers.location, decoded: decodeJson(outcome.text) };
    case 'failed': {
      const error =
        outcome.failure === 'timeout'
          ? new TollgateError('server_timeout', `the Tollgate server at ${connection.serverUrl} did not answer within ${timeoutMs / 1000}s`, { cause: outcome.cause })
          : new TollgateError(
              'server_unreachable',
              `cannot reach the Tollgate server at ${connection.serverUrl}${connection.serverSource === undefined ? '' : ` (${connection.serverSource})`}: is it running? start it with \`tollgate start\`, or give where it listens with --server or TOLLGATE_SERVER`,
              { cause: outcome.cause },
            );
      return { kind: 'failed', failure: outcome.failure, error };
    }
    default: {
      const _: never = outcome;
      return _;
    }
  }
}

/** Whether sending the request again cannot do its work twice. */
function mayRepeat(failure: HttpFailure, request: ApiRequest): boolean {
  switch (failure) {
    case 'refused':
      return true;
    case 'dropped':
    case 'timeout':
      return request.method === 'GET' || request.idempotent === true;
    default: {
      const _: never = failure;
      return _;
    }
  }
}

function answerOf<T>(connection: ServerConnection, request: ApiRequest, answer: Extract<Exchange, { kind: 'answer' }>): T {
  const { status, decoded } = answer;
  if (status === 204) return undefined as T;
  if (status >= 300 && status < 400 && answer.location !== undefined) {
    // Followed, a redirect would send the API key on to wherever it points: say where instead.
    throw new ApiError(status, {
      code: `http_${status}`,
      message: `the server at ${connection.serverUrl} answered HTTP ${status}, a redirect to ${answer.location}: set --server (or TOLLGATE_SERVER) to the server's own URL`,
    });
  }
  if (status < 200 || status >= 300) {
    if (isErrorBody(decoded)) throw new ApiError(status, decoded.error);
    throw new ApiError(status, { code: `http_${status}`, message: `the server answered HTTP ${status} ${answer.statusText}`.trim() });
  }
  if (decoded === undefined) {
    throw new TollgateError(
      'server_response_invalid',
      `the server at ${connection.serverUrl} answered ${request.method} ${request.path} with something other than JSON; check that --server points at Tollgate`,
    );
  }
  // The server's serializers define these shapes (see api-types.ts).
  return decoded as T;
}

function urlOf(serverUrl: string, request: ApiRequest): URL {
  const url = new URL(`${serverUrl.replace(/\/+$/, '')}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function decodeJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}

/** Path segment for an id typed by a person (`runs show ID`). */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
