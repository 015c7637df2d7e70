type Doc = Record<string, unknown>;

/**
 * The object with `changes` applied; a change to undefined removes the key, so a cleared optional
 * field leaves nothing behind in the definition.
 * @example patched({ id: 'a', next: 'b' }, { next: undefined }) // { id: 'a' }
 */
export function patched(value: Doc, changes: Doc): Doc {
  return Object.fromEntries(Object.entries({ ...value, ...changes }).filter(([, entry]) => entry !== undefined));
}

/** A string field of a draft object, or '' when it is absent or not a string. */
export function textOf(value: Doc, key: string): string {
  const entry = value[key];
  return typeof entry === 'string' ? entry : '';
}

/** A nested object of a draft, or {} when it is absent or not an object. */
export function objectOf(value: unknown): Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Doc) : {};
}
