/** Reading and writing a field of a JSON object by its dotted path (`billing_details.email`). */

/** `{found: true, value}` when every key on the path exists (the value may be null). */
export function readPath(object: Record<string, unknown>, path: string): { found: boolean; value: unknown } {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = current[key];
  }
  return { found: true, value: current };
}

/** Sets the value at `path` unless something is there already, creating the objects on the way; stops at a non-object. */
export function fillPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop();
  let current = object;
  for (const key of keys) {
    const next = current[key] ?? (current[key] = {});
    if (!isRecord(next)) return;
    current = next;
  }
  if (last !== undefined && !Object.hasOwn(current, last)) current[last] = structuredClone(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
