import type Stripe from 'stripe';
import { PermanentError } from '../../core/errors.ts';

/** The SDK refuses to collect more than this many items into one array. */
const SDK_MAX_ITEMS = 10_000;
export const DEFAULT_MAX_ITEMS = 1000;

/** What a list operation returns when `auto_paginate` collects every page. */
export interface CollectedList {
  object: 'list';
  data: unknown[];
  /** True when `max_items` cut the list short. */
  has_more: boolean;
}

export interface PagingOptions {
  autoPaginate: boolean;
  maxItems: number;
}

/** Reads `auto_paginate` (boolean, default false) and `max_items` (1..10000, default 1000). */
export function readPaging(input: Record<string, unknown>): PagingOptions {
  const auto = input.auto_paginate ?? false;
  if (typeof auto !== 'boolean') {
    throw new PermanentError('stripe_param_invalid', `with.auto_paginate: expected true or false, got ${JSON.stringify(auto)}`, { path: 'with.auto_paginate' });
  }
  const max = input.max_items ?? DEFAULT_MAX_ITEMS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max >= SDK_MAX_ITEMS) {
    throw new PermanentError('stripe_param_invalid', `with.max_items: expected a whole number from 1 to ${SDK_MAX_ITEMS - 1}, got ${JSON.stringify(max)}`, { path: 'with.max_items' });
  }
  return { autoPaginate: auto, maxItems: max };
}

/**
 * One page as Stripe answers it, or every page collected with the SDK's
 * `autoPagingToArray`, up to `maxItems` (one more is fetched to tell whether
 * the cap cut the list short).
 */
export async function listPages(list: Stripe.ApiListPromise<unknown>, paging: PagingOptions): Promise<unknown> {
  if (!paging.autoPaginate) return await list;
  const items = await list.autoPagingToArray({ limit: paging.maxItems + 1 });
  const collected: CollectedList = { object: 'list', data: items.slice(0, paging.maxItems), has_more: items.length > paging.maxItems };
  return collected;
}
