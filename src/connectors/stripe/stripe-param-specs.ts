import type { ParamSpec } from '../../definition/operation-spec.ts';

type Params = Record<string, ParamSpec>;

/** Parameters every Stripe operation takes. */
export const COMMON_PARAMS: Params = {
  stripe_account: { type: 'string', description: 'Connected account id (acct_…) to act on, for Connect platforms' },
  expand: { type: 'array', description: 'List of fields to expand, e.g. ["customer", "latest_charge"]' },
};

export const ID_PARAM: Params = {
  id: { type: 'string', required: true, description: 'The object id' },
};

/** Parameters every list operation takes. */
export const LIST_PARAMS: Params = {
  limit: { type: 'integer', description: 'Page size, 1 to 100 (default 10)' },
  starting_after: { type: 'string', description: 'Cursor: the id of the last object of the previous page' },
  ending_before: { type: 'string', description: 'Cursor: the id of the first object of the next page' },
  created: { type: 'timestamp', description: 'Filter on creation time: a Unix time, or {gt, gte, lt, lte}' },
  auto_paginate: { type: 'boolean', description: 'true to collect every page into `data` (default false: one page)' },
  max_items: { type: 'integer', description: 'With auto_paginate, the most items to collect (default 1000); `has_more` tells when the cap cut the list' },
};

export const CUSTOMER_FILTER: Params = {
  customer: { type: 'string', description: 'Only objects of this customer (cus_…)' },
};

export const METADATA_PARAM: Params = {
  metadata: { type: 'object', description: 'Key-value pairs; merged into existing metadata, "" unsets a key' },
};

/** Joins parameter groups into one spec's params. */
export function params(...groups: Params[]): Params {
  return Object.assign({}, ...groups) as Params;
}
