import { parameterError } from './sandbox-errors.ts';

/** A decoded form value: Stripe's bracket notation yields nested objects and arrays of strings. */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

type Draft = string | DraftMap | DraftList;
interface DraftMap {
  kind: 'map';
  entries: Map<string, Draft>;
}
interface DraftList {
  kind: 'list';
  indexed: Map<number, Draft>;
  appended: Draft[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^\d{1,6}$/;

/**
 * Decodes a Stripe form body or query string into nested values:
 * `metadata[tier]=vip&expand[]=customer&items[0][price]=p_1` becomes
 * `{metadata: {tier: 'vip'}, expand: ['customer'], items: [{price: 'p_1'}]}`.
 * An empty value stays an empty string (Stripe's way of unsetting a field).
 */
export function decodeForm(input: string): FormObject {
  const root: DraftMap = { kind: 'map', entries: new Map() };
  for (const [name, value] of new URLSearchParams(input)) {
    assign(root, parseName(name), value, name);
  }
  return finishMap(root);
}

function parseName(name: string): string[] {
  const open = name.indexOf('[');
  if (open === -1) return [name];
  const segments = [name.slice(0, open)];
  const rest = name.slice(open);
  const pattern = /\[([^[\]]*)\]/y;
  let consumed = 0;
  for (let match = pattern.exec(rest); match !== null; match = pattern.exec(rest)) {
    segments.push(match[1] ?? '');
    consumed = pattern.lastIndex;
  }
  if (open === 0 || consumed !== rest.length) {
    throw parameterError('parameter_invalid', `Invalid parameter name: ${name}`, name);
  }
  return segments;
}

function assign(container: DraftMap | DraftList, segments: readonly string[], value: string, name: string): void {
  let current: DraftMap | DraftList = container;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i] ?? '';
    const next = segments[i + 1];
    const leaf = next === undefined;
    const created: Draft = leaf ? value : next === '' || INDEX.test(next) ? newList() : newMap();
    const child = current.kind === 'map' ? placeInMap(current, segment, created, leaf, name) : placeInList(current, segment, created, leaf, name);
    if (typeof child === 'string') return;
    current = child;
  }
}

function placeInMap(map: DraftMap, key: string, created: Draft, leaf: boolean, name: string): Draft {
  if (key === '' || FORBIDDEN_KEYS.has(key)) throw conflict(name);
  const existing = map.entries.get(key);
  if (leaf) {
    if (existing !== undefined && typeof existing !== 'string') throw conflict(name);
    map.entries.set(key, created);
    return created;
  }
  if (existing === undefined) {
    map.entries.set(key, created);
    return created;
  }
  if (typeof existing === 'string' || typeof created === 'string' || existing.kind !== created.kind) throw conflict(name);
  return existing;
}

function placeInList(list: DraftList, segment: string, created: Draft, leaf: boolean, name: string): Draft {
  if (segment === '') {
    list.appended.push(created);
    return created;
  }
  if (!INDEX.test(segment)) throw conflict(name);
  const index = Number(segment);
  const existing = list.indexed.get(index);
  if (leaf || existing === undefined) {
    if (existing !== undefined && typeof existing !== 'string') throw conflict(name);
    list.indexed.set(index, created);
    return created;
  }
  if (typeof existing === 'string' || typeof created === 'string' || existing.kind !== created.kind) throw conflict(name);
  return existing;
}

function newMap(): DraftMap {
  return { kind: 'map', entries: new Map() };
}

function newList(): DraftList {
  return { kind: 'list', indexed: new Map(), appended: [] };
}

function conflict(name: string): ReturnType<typeof parameterError> {
  return parameterError('parameter_invalid', `Invalid parameter structure at ${name}: a value and nested parameters, or list and hash forms, are mixed.`, name);
}

function finish(draft: Draft): FormValue {
  if (typeof draft === 'string') return draft;
  if (draft.kind === 'map') return finishMap(draft);
  const ordered = [...draft.indexed.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  return [...ordered, ...draft.appended].map(finish);
}

function finishMap(draft: DraftMap): FormObject {
  const result: FormObject = {};
  for (const [key, value] of draft.entries) result[key] = finish(value);
  return result;
}
