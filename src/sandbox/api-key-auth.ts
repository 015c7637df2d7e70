import { SandboxApiError } from './sandbox-errors.ts';

const TEST_KEY = /^(sk|rk)_test_[A-Za-z0-9_]+$/;
const LIVE_KEY = /^(sk|rk)_live_/;

/**
 * The API key of a request, from `Authorization: Bearer sk_test_…` or HTTP
 * Basic auth with the key as user name (`curl -u sk_test_…:`). Throws Stripe's
 * 401 answers for a missing, malformed or live key.
 */
export function authenticate(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details.",
    );
  }
  const key = keyFrom(authorization.trim());
  if (key === undefined) {
    throw unauthorized("Invalid Authorization header. Use Bearer auth (e.g. 'Authorization: Bearer sk_test_…').");
  }
  if (LIVE_KEY.test(key)) {
    throw unauthorized(`The Tollgate Stripe sandbox only accepts test keys (sk_test_… or rk_test_…), not ${redact(key)}.`);
  }
  if (!TEST_KEY.test(key)) throw unauthorized(`Invalid API Key provided: ${redact(key)}`);
  return key;
}

function keyFrom(authorization: string): string | undefined {
  const [scheme, credentials] = authorization.split(/\s+/, 2);
  if (credentials === undefined) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return credentials;
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
  return undefined;
}

function redact(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 3)}***` : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

// Stripe answers 401 with the invalid_request_error type; the SDK turns any 401 into StripeAuthenticationError.
function unauthorized(message: string): SandboxApiError {
  return new SandboxApiError(401, { type: 'invalid_request_error', message }, { remembered: false });
}
