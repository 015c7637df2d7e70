/** The policy a money step obeys: the global `Policy` documents under the workflow's own block. */
import { parseDuration } from '../../core/duration.ts';
import { effectivePolicy, type EffectivePolicy } from '../../definition/policy-schema.ts';
import { toMinor } from '../../expression/money.ts';
import type { RunRecord } from '../../store/records.ts';
import type { LedgerCap } from '../../store/refund-ledger-records.ts';
import type { EngineContext } from '../engine-context.ts';

export async function moneyPolicy(engine: EngineContext, run: RunRecord): Promise<EffectivePolicy> {
  const [globals, definition] = await Promise.all([engine.store.policies.list(), engine.definitions.get(run.workflowId, run.version)]);
  return effectivePolicy(
    globals.map((policy) => policy.body),
    definition.policy,
  );
}

/**
 * The caps that count this call, as the ledger counts them. A per-customer cap
 * needs a customer: a charge without one is not counted against it.
 */
export function ledgerCaps(policy: EffectivePolicy, options: { currency: string; customerId: string | null; now: Date }): LedgerCap[] {
  return policy.refunds.limits
    .filter((limit) => limit.currency === options.currency && (limit.per !== 'customer' || options.customerId !== null))
    .map((limit) => ({
      per: limit.per,
      since: new Date(options.now.getTime() - parseDuration(limit.period, 'policy.refunds.limits.period')),
      max: toMinor(limit.max, limit.currency),
      currency: limit.currency,
      label: `${limit.max} ${limit.currency} per ${limit.per} per ${limit.period}`,
    }));
}
