import type { FormObject } from './form-decoder.ts';
import { readInteger, readString } from './param-readers.ts';
import { invalidRequest, parameterError, resourceMissing } from './sandbox-errors.ts';
import type { ListObject, StripeObject } from './stripe-objects.ts';

export interface PageOptions<T> {
  /** The list's path, e.g. `/v1/charges`. */
  url: string;
  /** The object kind for "No such …" messages about cursors, e.g. `charge`. */
  kind: string;
  /** Keeps only the matching items (endpoint filters such as `customer`). */
  filter?: (item: T) => boolean;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/**
 * One page of a collection, newest first, with Stripe's cursor parameters:
 * `limit` (1–100, default 10), `starting_after` (older than that object),
 * `ending_before` (newer than that object) and `created` (a timestamp or a
 * range: `created[gte]=…`). Cursors refer to positions in the whole
 * collection, so they work whatever the filters.
 */
export function paginate<T extends StripeObject>(items: Iterable<T>, params: FormObject, options: PageOptions<T>): ListObject<T> {
  const limit = readInteger(params, 'limit') ?? DEFAULT_LIMIT;
  if (limit < 1 || limit > MAX_LIMIT) {
    throw parameterError('parameter_invalid_integer', `This value must be greater than or equal to 1 and less than or equal to ${MAX_LIMIT} (limit).`, 'limit');
  }
  const startingAfter = readString(params, 'starting_after');
  const endingBefore = readString(params, 'ending_before');
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', { param: 'ending_before' });
  }
  const created = createdFilter(params);
  const matches = (item: T): boolean => created(item.created) && (options.filter?.(item) ?? true);
  const newestFirst = [...items].reverse();

  let data: T[];
  let hasMore: boolean;
  if (endingBefore !== undefined) {
    const newer = newestFirst.slice(0, position(newestFirst, endingBefore, 'ending_before', options.kind)).filter(matches);
    data = newer.slice(Math.max(0, newer.length - limit));
    hasMore = newer.length > limit;
  } else {
    const start = startingAfter === undefined ? 0 : position(newestFirst, startingAfter, 'starting_after', options.kind) + 1;
    const older = newestFirst.slice(start).filter(matches);
    data = older.slice(0, limit);
    hasMore = older.length > limit;
  }
  return { object: 'list', data, has_more: hasMore, url: options.url };
}

function position(items: readonly StripeObject[], id: string, param: string, kind: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw resourceMissing(kind, id, param);
  return index;
}

const RANGE_OPERATORS = ['gt', 'gte', 'lt', 'lte'] as const;

function createdFilter(params: FormObject): (created: number) => boolean {
  const value = params.created;
  if (value === undefined) return () => true;
  if (typeof value === 'string') {
    const exact = readInteger(params, 'created');
    return (created) => created === exact;
  }
  if (Array.isArray(value)) throw parameterError('parameter_invalid_hash', 'Invalid hash: created must be a timestamp or a range such as created[gte]=1700000000.', 'created');
  const bounds: Array<(created: number) => boolean> = [];
  for (const key of Object.keys(value)) {
    const operator = RANGE_OPERATORS.find((candidate) => candidate === key);
    if (operator === undefined) throw parameterError('parameter_unknown', `Received unknown parameter: created[${key}]`, `created[${key}]`);
    const bound = readInteger(value, operator);
    if (bound === undefined) continue;
    bounds.push(compare(operator, bound));
  }
  return (created) => bounds.every((test) => test(created));
}

function compare(operator: (typeof RANGE_OPERATORS)[number], bound: number): (created: number) => boolean {
  switch (operator) {
    case 'gt':
      return (created) => created > bound;
    case 'gte':
      return (created) => created >= bound;
    case 'lt':
      return (created) => created < bound;
    case 'lte':
      return (created) => created <= bound;
    default: {
      const unreachable: never = operator;
      throw new Error(`unknown operator ${String(unreachable)}`);
    }
  }
}
