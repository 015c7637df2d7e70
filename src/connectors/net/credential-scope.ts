/**
 * Where a connector's credentials may go. A request outside the scope (another
 * host, another port or scheme, a path outside the base) is sent without them.
 */
export interface CredentialScope {
  covers(url: URL): boolean;
}

/** Same origin as `base`, and a path at or under its path: `https://api.example.com/v2` covers `/v2` and `/v2/refunds`, not `/v2x` or `/admin`. */
export function baseUrlScope(base: URL): CredentialScope {
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return {
    covers: (url) => url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(prefix)),
  };
}

/** Same origin as `url`, any path. */
export function originScope(url: URL): CredentialScope {
  return { covers: (other) => other.origin === url.origin };
}

/** Headers a client must not carry to another origin on a redirect, wherever they came from. */
export const CROSS_ORIGIN_DROPPED_HEADERS = ['authorization', 'proxy-authorization', 'cookie'] as const;
