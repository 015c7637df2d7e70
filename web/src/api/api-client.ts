import { ApiError, type ApiIssue } from './api-error.ts';

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Sent as `Idempotency-Key`: the same key for a retried submit, so it takes effect once. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

let onUnauthenticated: () => void = () => undefined;

/** The cookie login sets beside the session cookie, and the header a change must echo it in (the server's csrf.ts). */
const CSRF_COOKIE = 'tollgate_csrf';
const CSRF_HEADER = 'x-tollgate-csrf';

/** The CSRF token of the current session, from its cookie (`cookies`: the page's); undefined before login. */
export function csrfToken(cookies: string = pageCookies()): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function pageCookies(): string {
  // This module is also loaded outside the browser (unit tests), where there is no document.
  return (globalThis as { document?: { cookie: string } }).document?.cookie ?? '';
}

/** What to do when the session is gone (401): the router sends the person to login and back. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** The path with its query string; undefined, null and empty values are left out. */
export function apiPath(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search === '' ? '' : `?${search}`}`;
}

/**
 * Calls the public API (`/api/v1…`) with the session cookie (and, for a change, the CSRF header) and answers the parsed JSON body.
 * Error answers throw ApiError with the API's code, message and issues; a 401 also calls the
 * unauthenticated handler, except on the login call and the who-am-I check (the router's
 * sign-in guard answers those).
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  const csrf = method === 'GET' ? undefined : csrfToken();
  if (csrf !== undefined) headers[CSRF_HEADER] = csrf;
  let response: Response;
  try {
    response = await fetch(apiPath(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Tollgate could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) return body as T;
  const error = errorOf(response.status, body);
  // `login_failed` is a wrong password (login, or the current one when changing it), not an ended session.
  if (response.status === 401 && error.code !== 'login_failed' && path !== '/auth/login' && path !== '/auth/me') onUnauthenticated();
  throw error;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; path?: string; issues?: ApiIssue[] } } | undefined)?.error;
  if (error?.code === undefined) return new ApiError(status, `http_${status}`, `The server answered ${status}. Try again, or ask an administrator to check the server log.`);
  return new ApiError(status, error.code, error.message ?? error.code, {
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(error.issues === undefined ? {} : { issues: error.issues }),
  });
}

/** A fresh idempotency key for one user action (kept across its retries). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
