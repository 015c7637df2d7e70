/**
 * The error hierarchy. Every error has a stable string `code` from the
 * catalogue (core/error-codes.ts), and a retry meaning given by its class:
 * decide by code and class, never by message text.
 */

import type { ErrorCode, ForeignErrorCode } from './error-codes.ts';

export interface ErrorOptions {
  /** Where in the input the problem is, e.g. `steps[2].next` or `input.amount`. */
  path?: string;
  cause?: unknown;
  /** Extra machine-readable detail carried into run journals and API errors. */
  details?: Record<string, unknown>;
}

export class TollgateError extends Error {
  readonly code: ErrorCode | ForeignErrorCode;
  readonly path: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode | ForeignErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.path = options.path;
    this.details = options.details;
  }
}

/** Bad input from a person or a program: a definition, a form, an API call, a flag. */
export class InvalidInputError extends TollgateError {
  readonly issues: readonly Issue[];
  constructor(code: ErrorCode | ForeignErrorCode, message: string, issues: readonly Issue[] = [], options: ErrorOptions = {}) {
    super(code, message, options);
    this.issues = issues;
  }
}

/** One problem in an input, with where it is and how to fix it. */
export interface Issue {
  path: string;
  message: string;
}

export class NotFoundError extends TollgateError {}
export class ConflictError extends TollgateError {}
/** A well-formed request that cannot be applied as sent, e.g. an idempotency key reused for another call (HTTP 422). */
export class UnprocessableError extends TollgateError {}
export class ForbiddenError extends TollgateError {}
export class UnauthorizedError extends TollgateError {}

/** A failure that may succeed if tried again: network, timeout, 5xx, 429. */
export class TransientError extends TollgateError {
  /** Milliseconds the other side asked us to wait (e.g. from `Retry-After`). */
  readonly retryAfterMs: number | undefined;
  constructor(code: ErrorCode | ForeignErrorCode, message: string, options: ErrorOptions & { retryAfterMs?: number } = {}) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The caller sent too much, too fast (HTTP 429); `retryAfterMs` says when to try again. */
export class TooManyRequestsError extends TransientError {}

/**
 * The database did not answer: a dropped connection, a server shutting down, a
 * busy or locked SQLite file. Nothing was written (a transaction that failed
 * rolled back); the same work succeeds once the database is back. The store
 * raises it for every such driver error, so callers decide by class.
 */
export class StoreUnavailableError extends TransientError {
  constructor(message: string, options: ErrorOptions & { code?: StoreUnavailableCode } = {}) {
    super(options.code ?? 'store_unavailable', message, options);
  }
}

/** The codes of an outage: `store_unavailable`, or PostgreSQL not answering a query in time on an open connection. */
export type StoreUnavailableCode = 'store_unavailable' | 'database_query_timeout';

/** A failure that will fail the same way again: 4xx, a bad parameter, a refused refund. */
export class PermanentError extends TollgateError {}

export function isTransient(error: unknown): error is TransientError {
  return error instanceof TransientError;
}

/** A plain object describing an error, as stored in a run's journal and its `error` variable. */
export interface ErrorRecord {
  type: string;
  code: string;
  message: string;
  [key: string]: unknown;
}

export function toErrorRecord(error: unknown): ErrorRecord {
  if (error instanceof TollgateError) {
    const retryable = error instanceof TransientError;
    // A connector's own detail (Stripe's error `type` and plain `message`, say) wins over the generic one.
    return {
      type: retryable ? 'transient' : 'permanent',
      message: error.message,
      retryable,
      ...(error.path === undefined ? {} : { path: error.path }),
      ...(error.details ?? {}),
      code: error.code,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'internal', code: 'internal_error', message };
}
