/**
 * What approving a task leads to, worked out once when it opens, so the inbox
 * and the approvers' email can say "Refund 25.00 USD on ch_…" without reading
 * the run: the next step that moves money on the way an approval takes.
 */
import type { ApprovalStep } from '../../definition/schema.ts';
import type { ApprovalLeadsTo } from '../../store/approval-records.ts';
import { nextActionsOnApproval, type ChargeCurrency } from '../approval-next-action.ts';
import type { EngineContext } from '../engine-context.ts';
import { chargeLookupFailure, lookUpCharge } from '../stripe-charge-lookup.ts';
import type { StepInvocation } from './step-handler.ts';

/** How long the look-up of the charge's currency may hold the step up; past it the summary says the charge could not be read. */
const LOOKUP_TIMEOUT_MS = 10_000;

/**
 * The money-moving step an approval of `taskId` leads to; null when none
 * follows, or the way cannot be foreseen. Never throws: a task opens whatever
 * its description.
 */
export async function approvalLeadsTo(invocation: StepInvocation<ApprovalStep>, taskId: string): Promise<ApprovalLeadsTo | null> {
  const { engine, run, path, variables, now } = invocation;
  try {
    const definition = await engine.definitions.get(run.workflowId, run.version);
    const steps = await nextActionsOnApproval(
      {
        movesMoney: (uses) => engine.operations.get(uses)?.spec.movesMoney === true,
        expressionTimeoutMs: engine.expressionTimeoutMs,
        currencyOf: (target, connector) => refundableOf(engine, { target, connector }),
      },
      { definition, stepPath: path, variables, approvalOutput: { decision: 'approved', comment: null, by: null, at: now.toISOString(), task: taskId } },
    );
    const money = steps.find((step) => step.kind === 'action' && step.moves_money);
    if (money?.kind !== 'action') return null;
    return { step: money.step, summary: money.summary, target: money.target, amount: money.amount };
  } catch (error) {
    engine.logger.warn({ run: run.id, step: path, err: error }, 'could not work out what approving the task leads to');
    return null;
  }
}

/**
 * The currency and refundable amount of a charge or payment intent, for the
 * summary only: one read of the charge (a payment intent's, two), as the task
 * page reads it, counted as any read at Stripe's rate limit; null when Stripe cannot say.
 */
async function refundableOf(engine: EngineContext, input: { target: string; connector: string | null }): Promise<ChargeCurrency> {
  try {
    const charge = await lookUpCharge(engine, { id: input.target, connector: input.connector, timeoutMs: Math.min(engine.actionTimeoutMs, LOOKUP_TIMEOUT_MS) });
    return { kind: 'found', currency: charge.currency, refundable: charge.amount - charge.amount_refunded };
  } catch (error) {
    // The summary then says the charge could not be found or read; the reason belongs in the log, where a wrong key or an outage shows.
    engine.logger.warn({ target: input.target, err: error }, 'could not read the charge for what approving the task leads to; the summary names no currency');
    return chargeLookupFailure(error);
  }
}
