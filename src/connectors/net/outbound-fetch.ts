import { PermanentError } from '../../core/errors.ts';
import { CROSS_ORIGIN_DROPPED_HEADERS, type CredentialScope } from './credential-scope.ts';
import { sendHop, type HopResponse } from './outbound-hop.ts';
import type { OutboundPolicy } from './outbound-policy.ts';

/** A connector's credentials: headers sent only to URLs in their scope. */
export interface OutboundCredentials {
  headers: Record<string, string>;
  scope: CredentialScope;
}

export interface OutboundRequest {
  url: URL;
  method: string;
  /** Headers that are no secret: sent to every hop (less authorization and cookies on another origin). */
  headers: Record<string, string>;
  body: string | undefined;
  credentials?: OutboundCredentials;
  /** follow (default): redirects are followed, each hop checked; manual: a 3xx is the response. */
  redirect?: 'follow' | 'manual';
  signal: AbortSignal;
}

/** The final response, and the URL that gave it. */
export interface OutboundResponse extends HopResponse {
  url: URL;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * An outbound HTTP call for an operation: every hop goes through the policy
 * (addresses checked, body capped), redirects are followed by hand up to the
 * policy's limit, and credentials go only to URLs their scope covers.
 * @throws PermanentError `outbound_address_refused`, `outbound_too_large`,
 *   `outbound_too_many_redirects`, `outbound_url_invalid`; any other error is a network failure.
 */
export async function fetchOutbound(request: OutboundRequest, policy: OutboundPolicy): Promise<OutboundResponse> {
  let hop: Hop = { url: request.url, method: request.method, headers: request.headers, body: request.body, redirectedFrom: undefined };
  for (let redirects = 0; ; redirects += 1) {
    requireHttp(hop.url, hop.redirectedFrom);
    const inScope = request.credentials !== undefined && request.credentials.scope.covers(hop.url);
    const headers = inScope ? { ...hop.headers, ...request.credentials?.headers } : hop.headers;
    const response = await sendHop({ ...hop, headers, signal: request.signal }, policy);
    const location = response.headers.location;
    if (request.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status) || location === undefined) return { ...response, url: hop.url };
    if (redirects === policy.maxRedirects) {
      throw new PermanentError('outbound_too_many_redirects', `${request.method} ${request.url.toString()} redirected more than ${policy.maxRedirects} times (last to ${location}); call the final URL`, {
        details: { url: request.url.toString(), last: hop.url.toString(), location },
      });
    }
    hop = nextHop(hop, response.status, location);
  }
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  redirectedFrom: URL | undefined;
}

/** The request a redirect asks for, as browsers make it: 303 (and 301/302 after a POST) turn into a GET without a body. */
function nextHop(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new PermanentError('outbound_url_invalid', `${hop.method} ${hop.url.toString()} redirected to "${location}", which is not a URL`, { details: { url: hop.url.toString(), location } });
  }
  const toGet = (status === 303 && hop.method !== 'HEAD') || ((status === 301 || status === 302) && hop.method === 'POST');
  let headers = hop.headers;
  if (url.origin !== hop.url.origin) headers = without(headers, CROSS_ORIGIN_DROPPED_HEADERS);
  if (toGet) headers = without(headers, ['content-type', 'content-length']);
  return { url, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body, redirectedFrom: hop.url };
}

function requireHttp(url: URL, redirectedFrom: URL | undefined): void {
  if (url.protocol === 'http:' || url.protocol === 'https:') return;
  const from = redirectedFrom === undefined ? '' : ` (redirected from ${redirectedFrom.toString()})`;
  throw new PermanentError('outbound_url_invalid', `${url.toString()}${from} is not an http or https URL`, { details: { url: url.toString() } });
}

function without(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}
