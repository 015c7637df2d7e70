/** The error types Stripe's v1 API answers with. */
export const STRIPE_ERROR_TYPES = ['api_error', 'card_error', 'idempotency_error', 'invalid_request_error'] as const;
export type StripeErrorType = (typeof STRIPE_ERROR_TYPES)[number];

/** The `error` member of a Stripe error response. */
export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
}

export interface SandboxApiErrorOptions {
  /**
   * Whether an `Idempotency-Key` remembers this answer. Stripe keeps the result
   * once an endpoint has started to run, but not parameter validation failures.
   */
  remembered?: boolean;
}

/** An error the sandbox answers with, in Stripe's wire format. */
export class SandboxApiError extends Error {
  readonly status: number;
  readonly body: StripeErrorBody;
  readonly remembered: boolean;

  constructor(status: number, body: StripeErrorBody, options: SandboxApiErrorOptions = {}) {
    super(body.message);
    this.name = 'SandboxApiError';
    this.status = status;
    this.body = body.code === undefined || body.doc_url !== undefined ? body : { ...body, doc_url: docUrl(body.code) };
    this.remembered = options.remembered ?? true;
  }

  /** The JSON body Stripe sends: `{error: {...}}`. */
  toResponseBody(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

/** A 400 `invalid_request_error` raised by an endpoint's own rules (remembered by idempotency). */
export function invalidRequest(message: string, options: { code?: string; param?: string; status?: number } = {}): SandboxApiError {
  const body: StripeErrorBody = { type: 'invalid_request_error', message };
  if (options.code !== undefined) body.code = options.code;
  if (options.param !== undefined) body.param = options.param;
  return new SandboxApiError(options.status ?? 400, body);
}

/** A 400 for a malformed or unknown parameter; never remembered by idempotency, as in Stripe. */
export function parameterError(code: string, message: string, param: string): SandboxApiError {
  return new SandboxApiError(400, { type: 'invalid_request_error', code, message, param }, { remembered: false });
}

/** A 404 `resource_missing`: `No such charge: 'ch_123'`. */
export function resourceMissing(kind: string, id: string, param: string): SandboxApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param, status: 404 });
}

/** A 400 for an object in a state that does not allow the operation. */
export function unexpectedState(code: string, message: string): SandboxApiError {
  return invalidRequest(message, { code });
}
