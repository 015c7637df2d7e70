/** The headers a logged-in browser sends: both cookies login set, and the CSRF header a change needs. */
// A type, not an interface, so it fits where headers are a string record.
export type SessionHeaders = {
  cookie: string;
  'x-tollgate-csrf': string;
};

/** From the Set-Cookie values of a login answer. */
export function sessionHeadersOf(setCookie: unknown): SessionHeaders {
  const values = Array.isArray(setCookie) ? setCookie.map(String) : typeof setCookie === 'string' ? [setCookie] : [];
  const pairs = values.map((value) => value.split(';')[0] ?? '').filter((pair) => pair !== '');
  const csrf = pairs.find((pair) => pair.startsWith('tollgate_csrf='))?.slice('tollgate_csrf='.length) ?? '';
  return { cookie: pairs.join('; '), 'x-tollgate-csrf': decodeURIComponent(csrf) };
}
