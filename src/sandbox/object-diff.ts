/**
 * The previous values of the attributes that changed between two snapshots of
 * an object, as Stripe puts them in `data.previous_attributes`. Nested hashes
 * (metadata) list only their changed keys; a key that did not exist is null.
 * Undefined when nothing changed.
 */
export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> | undefined {
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    previous[key] = isHash(old) && isHash(now) ? (previousAttributes(old, now) ?? {}) : (old ?? null);
  }
  return Object.keys(previous).length === 0 ? undefined : previous;
}

function isHash(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
