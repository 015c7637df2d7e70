/**
 * Money governance, declared in YAML: globally in `kind: Policy` documents and
 * per workflow in its `policy` block. Amounts are major units (2000 USD), as
 * people write them. `effectivePolicy` says what holds for one workflow.
 */
import { z } from 'zod';
import { durationSchema } from './value-formats.ts';

export const currencySchema = z.string().regex(/^[a-z]{3}$/, 'a lower-case ISO 4217 code such as usd').describe('ISO 4217 currency, lower case, e.g. `usd`');

export const refundLimitSchema = z.strictObject({
  per: z.enum(['customer', 'workflow', 'account']).describe('What the cap counts: one customer\'s refunds, one workflow\'s, or every refund of the account'),
  period: durationSchema.describe('The rolling window, e.g. `1d` or `7d`'),
  max: z.number().positive().describe('The most that may be refunded in the window, in major units (2000 = 2,000 USD)'),
  currency: currencySchema,
}).meta({ description: 'A cap on refunds and credit notes over a rolling window, counted across all workflows.' });
export type RefundLimit = z.infer<typeof refundLimitSchema>;

export const refundsPolicySchema = z.strictObject({
  preflight: z.boolean().optional().describe('Re-read the charge or payment intent before a refund or credit note and refuse when it is disputed, already refunded past the amount, or changed since approval (default true)'),
  limits: z.array(refundLimitSchema).optional().describe('Caps per customer, workflow or account and period'),
  unknown_outcome_team: z.string().min(1).optional().describe('The team asked to check in Stripe when a refund\'s outcome is unknown (its idempotency key expired, or the look-up failed): the run waits on a task for them instead of calling again. Default: the team that approved the refund in the run; with neither, the step fails with `money_outcome_unknown`'),
}).meta({ description: 'Rules every refund and credit note call passes before money moves.' });

export const approvalsPolicySchema = z.strictObject({
  distinct_approvers: z.boolean().optional().describe('One person decides at most one approval step of a run: who approved as CSM cannot approve as Finance (default true)'),
  author_cannot_approve: z.boolean().optional().describe('The person who published the running workflow version cannot decide its approval tasks (default true)'),
}).meta({ description: 'Separation of duties between approvers.' });

export const policyBodySchema = z.strictObject({
  refunds: refundsPolicySchema.optional(),
  approvals: approvalsPolicySchema.optional(),
}).meta({ description: 'Money governance: refund rules and separation of duties.' });
export type PolicyBody = z.infer<typeof policyBodySchema>;

/** What holds for one workflow: its own block over the global policies, defaults filled in. */
export interface EffectivePolicy {
  refunds: { preflight: boolean; limits: RefundLimit[]; unknownOutcomeTeam: string | null };
  approvals: { distinctApprovers: boolean; authorCannotApprove: boolean };
}

/**
 * Flags: the workflow's block wins, then the last global policy that sets
 * them, then the safe default (on). Limits add up: every global and workflow
 * cap applies.
 */
export function effectivePolicy(globals: readonly PolicyBody[], workflow: PolicyBody | undefined): EffectivePolicy {
  const layers = [...globals, ...(workflow === undefined ? [] : [workflow])];
  const last = <T>(pick: (body: PolicyBody) => T | undefined, fallback: T): T => layers.map(pick).filter((value) => value !== undefined).at(-1) ?? fallback;
  return {
    refunds: {
      preflight: last((body) => body.refunds?.preflight, true),
      limits: layers.flatMap((body) => body.refunds?.limits ?? []),
      unknownOutcomeTeam: last((body) => body.refunds?.unknown_outcome_team, null as string | null),
    },
    approvals: {
      distinctApprovers: last((body) => body.approvals?.distinct_approvers, true),
      authorCannotApprove: last((body) => body.approvals?.author_cannot_approve, true),
    },
  };
}
