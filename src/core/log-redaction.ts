/**
 * What the log never shows: pino `redact` paths for credentials (request
 * headers, passwords, tokens, API keys, a PaymentIntent's client_secret) up to
 * a few levels deep, and URLs with their secret query parameters masked.
 */
import { MASKED_SECRET, SECRET_FIELDS } from './stored-secrets.ts';

/** Header and field names logged nowhere, besides the stored-secret fields. */
const LOG_ONLY_FIELDS = ['x-api-key', 'stripe-signature', 'x-tollgate-signature', 'webhook_secret', 'webhook_secrets', 'sealed'];

/** How deep below the logged object a field is still found (`headers.authorization` is depth 1). */
const DEPTH = 3;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A query parameter whose value is a secret: `?token=`, `?api_key=`, `?signature=`. */
const SECRET_PARAMETER = /secret|passw|key|token|signature|auth|credential/i;

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const field of [...SECRET_FIELDS, ...LOG_ONLY_FIELDS]) {
    const segment = IDENTIFIER.test(field) ? field : `["${field}"]`;
    for (let depth = 0; depth <= DEPTH; depth += 1) {
      const prefix = Array.from({ length: depth }, () => '*').join('.');
      paths.push(prefix === '' ? segment : `${prefix}${segment.startsWith('[') ? '' : '.'}${segment}`);
    }
  }
  return paths;
}

/** pino's `redact` option: `pino({ redact: LOG_REDACTION, ... })`. Censored values read MASKED_SECRET. */
export const LOG_REDACTION: { paths: readonly string[]; censor: string } = { paths: redactPaths(), censor: MASKED_SECRET };

/**
 * A URL (or a path with a query) safe to log: values of secret-looking query
 * parameters are masked.
 * @example redactUrlSecrets('/hooks?token=abc&page=2') // '/hooks?token=**redacted**&page=2'
 */
export function redactUrlSecrets(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return equals >= 0 && SECRET_PARAMETER.test(decodeName(name)) ? `${name}=${MASKED_SECRET}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
