import type { JsonValue } from './json.ts';

/**
 * A value as an audit entry's detail stores it: plain JSON, as it would be
 * sent (Dates as ISO text, `undefined` members left out; nothing left undefined becomes null).
 */
export function auditJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value) ?? 'null') as JsonValue;
}
