import type { z } from 'zod';
import type { PathKey } from './definition-issue.ts';

/**
 * What fills a missing required text field while the rest of a document is
 * checked. No step id, expression or name can hold it, so a check that meets
 * it reports a problem at a path the schema check already reported, and
 * validate-documents.ts drops that second report.
 */
export const MISSING_TEXT = '\u0000missing';

const MAX_ROUNDS = 8;

export interface Repair<T> {
  /** The value, parsed, once repairs made it match; undefined when they could not. */
  value?: T;
  /** The paths (within the value) that were removed or filled in. */
  repaired: PathKey[][];
}

/**
 * Makes a value that fails `schema` match it, so the checks after the schema
 * check can still see everything else: unknown fields and invalid optional
 * values are removed (a default then applies), a missing required field is
 * filled with an empty value of its type. Every mismatch has been reported
 * already; this only lets the rest be checked. A value that cannot be
 * repaired this way (an unknown `type`, a list too short) is left to the caller.
 */
export function repairToSchema<T>(schema: z.ZodType<T>, value: unknown): Repair<T> {
  const copy: unknown = structuredClone(value);
  const repaired: PathKey[][] = [];
  const filled = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = schema.safeParse(copy);
    if (result.success) return { value: result.data, repaired };
    let changed = false;
    for (const issue of result.error.issues) {
      const fix = fixIssue(copy, issue, filled);
      if (fix === undefined) continue;
      changed = true;
      repaired.push(...fix);
    }
    if (!changed) break;
  }
  return { repaired };
}

function fixIssue(root: unknown, issue: z.core.$ZodIssue, filled: Set<string>): PathKey[][] | undefined {
  const path = issue.path.map((key): PathKey => (typeof key === 'number' ? key : String(key)));
  if (issue.code === 'unrecognized_keys') {
    const parent = valueAt(root, path);
    if (!isRecord(parent)) return undefined;
    for (const key of issue.keys) delete parent[key];
    return issue.keys.map((key) => [...path, key]);
  }
  const key = path.at(-1);
  const parent = valueAt(root, path.slice(0, -1));
  if (typeof key !== 'string' || !isRecord(parent)) return undefined;
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  if (!missing) {
    // An invalid value: without it, an optional field takes its default and a required one is missing (next round).
    if (!(key in parent)) return undefined;
    delete parent[key];
    return [path];
  }
  const where = JSON.stringify(path);
  const empty = emptyOf(issue.expected);
  if (filled.has(where) || empty === undefined) return undefined;
  filled.add(where);
  parent[key] = empty;
  return [path];
}

function emptyOf(expected: string): unknown {
  switch (expected) {
    case 'string':
      return MISSING_TEXT;
    case 'array':
      return [];
    case 'object':
    case 'record':
      return {};
    default:
      return undefined;
  }
}

/** The value at `keys` inside `root`, or undefined. */
export function valueAt(root: unknown, keys: readonly PathKey[]): unknown {
  let node = root;
  for (const key of keys) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

/** True when `path` is `prefix` or inside it. */
export function isUnder(path: readonly PathKey[], prefix: readonly PathKey[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
