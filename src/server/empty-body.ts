/** Whether a request body is empty: absent, `null`, `""` or `{}` (clients send any of these for "no body"). */
export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '' || (typeof body === 'object' && Object.keys(body).length === 0);
}
