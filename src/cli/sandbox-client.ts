import { foreignErrorCode } from '../core/error-codes.ts';
import { TollgateError } from '../core/errors.ts';

/**
 * Calls a `/_sandbox/…` control route of the Stripe sandbox of a running
 * `tollgate start` and answers its JSON; an error answer throws with the
 * sandbox's code and message.
 */
export async function callSandbox(sandboxUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(new URL(path, sandboxUrl), {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new TollgateError('sandbox_unreachable', `cannot reach the Stripe sandbox at ${sandboxUrl}: is \`tollgate start\` running without STRIPE_SECRET_KEY? (set --sandbox otherwise)`, { cause: error });
  }
  const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; param?: string } };
  if (!response.ok) {
    const where = answer.error?.param === undefined ? '' : ` [${answer.error.param}]`;
    throw new TollgateError(answer.error?.code === undefined ? 'sandbox_error' : foreignErrorCode(answer.error.code), `${answer.error?.message ?? `the sandbox answered ${response.status}`}${where}`);
  }
  return answer;
}

/** The default sandbox URL: TOLLGATE_SANDBOX_URL, else the local TOLLGATE_SANDBOX_PORT (12111). */
export function defaultSandboxUrl(): string {
  return process.env.TOLLGATE_SANDBOX_URL ?? `http://127.0.0.1:${process.env.TOLLGATE_SANDBOX_PORT ?? '12111'}`;
}
