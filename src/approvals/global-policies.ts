import type { PolicyBody } from '../definition/policy-schema.ts';

/**
 * The global `kind: Policy` documents' bodies. They are not stored yet
 * (`store.policies.list()` comes with another part of issue 12): until then
 * there are none, and each workflow's own `policy` block over the defaults holds.
 */
export function globalPolicies(): Promise<readonly PolicyBody[]> {
  return Promise.resolve([]);
}
