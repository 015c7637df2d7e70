import { foreignErrorCode } from '../core/error-codes.ts';
import { TollgateError } from '../core/errors.ts';
import { sendHttp, type HttpCall } from './http-exchange.ts';

/** The sandbox runs on this machine: a control call that takes longer than this has hung. */
const SANDBOX_TIMEOUT_MS = 30_000;

/**
 * Calls a `/_sandbox/…` control route of the Stripe sandbox of a running
 * `tollgate start` and answers its JSON; an error answer throws with the
 * sandbox's code and message.
 */
export async function callSandbox(sandboxUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  return exchange(sandboxUrl, {
    method,
    url: new URL(path, sandboxUrl),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * Calls the sandbox's Stripe API (`/v1/…`), as a Stripe client would: a test
 * key (the sandbox takes any) and a form-encoded body. For what the sandbox
 * keeps as Stripe objects, such as its webhook endpoints.
 */
export async function callSandboxApi(sandboxUrl: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<unknown> {
  return exchange(sandboxUrl, {
    method,
    url: new URL(path, sandboxUrl),
    headers: { authorization: `Bearer ${SANDBOX_CLI_KEY}`, ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
    body: form === undefined ? undefined : new URLSearchParams(form).toString(),
  });
}

/** The key the CLI shows the sandbox's Stripe API: any test key will do, this one names who called in its request log. */
const SANDBOX_CLI_KEY = 'sk_test_tollgate_cli';

async function exchange(sandboxUrl: string, request: Omit<HttpCall, 'timeoutMs'>): Promise<unknown> {
  const outcome = await sendHttp({ ...request, timeoutMs: SANDBOX_TIMEOUT_MS });
  if (outcome.kind === 'failed') {
    throw new TollgateError('sandbox_unreachable', `cannot reach the Stripe sandbox at ${sandboxUrl}: is \`tollgate start\` running without STRIPE_SECRET_KEY? (give where it listens with --sandbox or TOLLGATE_SANDBOX_URL)`, { cause: outcome.cause });
  }
  const answer = decodeAnswer(outcome.text);
  if (outcome.status < 200 || outcome.status >= 300) {
    const where = answer.error?.param === undefined ? '' : ` [${answer.error.param}]`;
    throw new TollgateError(answer.error?.code === undefined ? 'sandbox_error' : foreignErrorCode(answer.error.code), `${answer.error?.message ?? `the sandbox answered ${outcome.status}`}${where}`);
  }
  return answer;
}

interface SandboxAnswer {
  error?: { code?: string; message?: string; param?: string };
}

/** The answer's JSON; anything else reads as an answer without an error. */
function decodeAnswer(text: string): SandboxAnswer {
  try {
    const value: unknown = JSON.parse(text);
    // The sandbox answers Stripe's shapes (objects); its error, if any, under `error`.
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}
