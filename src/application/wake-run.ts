/** `tollgate runs wake`: a run waiting on time goes on now, so a 2-day wait can be tested. */
import { ConflictError } from '../core/errors.ts';
import { isStepType } from '../definition/schema.ts';
import type { RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';

/** Whether this system may end waits early: never against live Stripe unless the operator says so. */
export type WakePolicy = { allowed: true } | { allowed: false; reason: string };

/**
 * Allowed against the built-in Stripe sandbox (no secret key) or a Stripe test
 * key, or when TOLLGATE_ALLOW_WAKE=true; refused with a live key, where a
 * skipped wait is a real customer's money moving early.
 */
export function wakePolicyOf(config: { stripeSecretKey: string | undefined; allowWake: boolean }): WakePolicy {
  if (config.allowWake || config.stripeSecretKey === undefined || /^(sk|rk)_test_/.test(config.stripeSecretKey)) return { allowed: true };
  return { allowed: false, reason: 'this server uses a live Stripe key (STRIPE_SECRET_KEY=sk_live_...)' };
}

export interface WokenRun {
  run: RunRecord;
  /** The steps made due now, with when each was due. */
  steps: { stepPath: string; dueAt: Date }[];
}

/**
 * Makes every step of the run that waits on time (a wait step, an approval's
 * timeout, a retry's backoff) due now; the engine then runs it as when its
 * time comes. The run's journal records who woke it.
 * @throws ConflictError `wake_not_allowed` (a live setup) or `run_not_waiting_on_time`; NotFoundError `run_not_found`.
 */
export async function wakeRun(app: AppContext, input: { runId: string; by: string | null }): Promise<WokenRun> {
  const policy = app.wakePolicy;
  if (!policy.allowed) {
    throw new ConflictError(
      'wake_not_allowed',
      `runs are woken early only against the Stripe sandbox or a Stripe test key, and ${policy.reason}: a live run must not skip its waits. Set TOLLGATE_ALLOW_WAKE=true to allow it anyway`,
    );
  }
  const result = await app.engine.store.wakeTimers({ runId: input.runId, now: app.engine.clock.now(), by: input.by });
  switch (result.kind) {
    case 'woken':
      app.engine.logger.info({ run: input.runId, by: input.by, steps: result.steps.map((step) => step.stepPath) }, 'run woken early');
      app.wakeWorker();
      return { run: result.run, steps: result.steps };
    case 'not_waiting': {
      const waits = result.waitingOn.map((step) => `${step.stepPath} (${waitWords(step.stepType)})`);
      const what = waits.length > 0 ? `it waits on ${waits.join(', ')}, not on a time` : 'no step of it waits on a time';
      throw new ConflictError('run_not_waiting_on_time', `run ${input.runId} is ${result.run.status}: ${what}; only a wait step, an approval with a timeout or a retry backoff can be woken`, {
        details: { status: result.run.status, waiting_on: result.waitingOn.map((step) => ({ step: step.stepPath, type: step.stepType })) },
      });
    }
    default: {
      const unknown: never = result;
      throw new Error(`unknown wake result ${JSON.stringify(unknown)}`);
    }
  }
}

function waitWords(stepType: string): string {
  if (!isStepType(stepType)) return stepType;
  switch (stepType) {
    case 'approval':
      return 'an approval decision, with no timeout';
    case 'workflow':
      return 'a child run';
    case 'foreach':
    case 'parallel':
      return `its ${stepType} branches`;
    case 'action':
    case 'decision':
    case 'wait':
    case 'set':
    case 'end':
      return stepType;
    default: {
      const _: never = stepType;
      return _;
    }
  }
}
