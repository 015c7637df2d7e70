import { TollgateError } from '../core/errors.ts';
import type { ApiErrorBody, ApiIssue } from './api-types.ts';

/** Where the running server is and how to authenticate to it. */
export interface ServerConnection {
  /** e.g. `http://127.0.0.1:8080`; a path prefix is kept. */
  serverUrl: string;
  /** Sent as `Authorization: Bearer <key>`. */
  apiKey: string | undefined;
  /** Milliseconds one request may take. Default 30 s. */
  timeoutMs?: number;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Below the server URL, e.g. `/api/v1/runs`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body, or raw text with its content type. */
  body?: { json: unknown } | { text: string; contentType: string };
}

/** An error answer from the server: its code, message and issues, as it sent them. */
export class ApiError extends TollgateError {
  readonly status: number;
  readonly issues: readonly ApiIssue[];
  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.code, body.message, body.path === undefined ? {} : { path: body.path });
    this.status = status;
    this.issues = body.issues ?? [];
  }
}

/**
 * Calls the Tollgate HTTP API and returns the decoded JSON answer.
 *
 * @throws ApiError for an error answer; TollgateError `server_unreachable` when nothing answers,
 *   `server_timeout` when the answer takes too long, `server_response_invalid` when it is not Tollgate's JSON.
 * @example const { runs } = await apiRequest<RunListView>(connection, { method: 'GET', path: '/api/v1/runs' })
 */
export async function apiRequest<T>(connection: ServerConnection, request: ApiRequest): Promise<T> {
  const url = urlOf(connection.serverUrl, request);
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
  const timeoutMs = connection.timeoutMs ?? 30_000;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: request.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      throw new TollgateError('server_timeout', `the Tollgate server at ${connection.serverUrl} did not answer within ${timeoutMs / 1000}s`, { cause: error });
    }
    throw new TollgateError('server_unreachable', `cannot reach the Tollgate server at ${connection.serverUrl}: is it running? start it with \`tollgate start\``, { cause: error });
  }
  const decoded = decodeJson(text);
  if (response.status === 204) return undefined as T;
  if (!response.ok) {
    if (isErrorBody(decoded)) throw new ApiError(response.status, decoded.error);
    throw new ApiError(response.status, { code: `http_${response.status}`, message: `the server answered HTTP ${response.status} ${response.statusText}`.trim() });
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

function urlOf(serverUrl: string, request: ApiRequest): string {
  const url = new URL(`${serverUrl.replace(/\/+$/, '')}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
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
