/**
 * Encodes parameters in Stripe's bracket notation for a query string:
 * `{metadata: {tier: 'vip'}, expand: ['customer']}` becomes
 * `metadata[tier]=vip&expand[0]=customer`. Null and undefined are left out.
 */
export function encodeStripeQuery(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => add(`${name}[${index}]`, item));
    } else if (value instanceof Date) {
      pairs.push(`${encode(name)}=${Math.floor(value.getTime() / 1000)}`);
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      pairs.push(`${encode(name)}=${encodeURIComponent(value)}`);
    }
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return pairs.join('&');
}

/** Brackets stay readable; Stripe accepts them either way. */
function encode(name: string): string {
  return encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']');
}
