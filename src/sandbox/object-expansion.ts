import { invalidRequest } from './sandbox-errors.ts';
import { findObject, isObjectId, type SandboxState } from './sandbox-state.ts';

type Expandable = { [field: string]: unknown };

const MAX_DEPTH = 4;

/**
 * Applies `expand[]` paths to an API result: `customer` replaces the id in
 * `customer` with the customer object; `payment_intent.customer` goes one
 * level deeper; on a list, paths start with `data.`. Returns a new object;
 * stored objects are never changed.
 */
export function expandResult(state: SandboxState, result: Expandable, paths: readonly string[]): Expandable {
  let expanded = result;
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) {
      throw invalidRequest(`You cannot expand more than ${MAX_DEPTH} levels of a property (${path}).`, { param: 'expand' });
    }
    if (expanded.object === 'list') {
      if (segments[0] !== 'data' || segments.length < 2) {
        throw invalidRequest(`This property cannot be expanded (${path}). You may want to try expanding 'data.${path}' instead.`, { param: 'expand' });
      }
      const items = Array.isArray(expanded.data) ? (expanded.data as unknown[]) : [];
      expanded = { ...expanded, data: items.map((item) => (isExpandable(item) ? expandPath(state, item, segments.slice(1), path) : item)) };
    } else {
      expanded = expandPath(state, expanded, segments, path);
    }
  }
  return expanded;
}

function expandPath(state: SandboxState, target: Expandable, segments: readonly string[], path: string): Expandable {
  const [field, ...rest] = segments;
  if (field === undefined || !(field in target)) throw cannotExpand(path);
  const current = target[field];
  if (current === null) return target;
  let next: Expandable;
  if (typeof current === 'string') {
    if (!isObjectId(current)) throw cannotExpand(path);
    const found = findObject(state, current);
    // An id whose object the sandbox does not hold (created elsewhere) stays an id.
    if (found === undefined) return target;
    next = found;
  } else if (isExpandable(current)) {
    next = current;
  } else {
    throw cannotExpand(path);
  }
  return { ...target, [field]: rest.length === 0 ? next : expandPath(state, next, rest, path) };
}

function isExpandable(value: unknown): value is Expandable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cannotExpand(path: string): ReturnType<typeof invalidRequest> {
  return invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
}
