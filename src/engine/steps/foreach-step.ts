import { PermanentError } from '../../core/errors.ts';
import { AttemptStatus } from '../../core/statuses.ts';
import { compileExpression, evaluate } from '../../expression/index.ts';
import type { ForeachStep } from '../../definition/schema.ts';
import { scopeResults, scopeState } from '../scope-state.ts';
import type { StepHandler } from './step-handler.ts';

interface ForeachProgress {
  started: number;
  count: number;
}

/**
 * Runs its body once per item, `concurrency` at a time. The items are
 * evaluated once, on the first visit, and kept in the journal; each iteration
 * has its own step paths (`loop/3/charge`), so its own journal rows and
 * idempotency keys, and its own scope of variables (its item, and what its
 * steps output). Output: each iteration's last output, in item order.
 */
export const runForeachStep: StepHandler<ForeachStep> = async ({ step, path, visit, run, variables, resume, engine }) => {
  const firstStep = step.steps[0]?.id ?? '';
  const iterationPath = (index: number) => `${path}/${index}/${firstStep}`;
  if (resume === null || resume === undefined) {
    const items = await evaluate(compileExpression(step.items), variables, { timeoutMs: engine.expressionTimeoutMs });
    const list = items === undefined ? [] : items;
    if (!Array.isArray(list)) {
      throw new PermanentError('foreach_items_invalid', `${path}.items: "${step.items}" gave ${typeof list}, not a list; give an expression that yields a list`);
    }
    if (list.length === 0) return { kind: 'continue', input: { items: list }, output: [] };
    const started = Math.min(step.concurrency, list.length);
    const progress: ForeachProgress = { started, count: list.length };
    // Every iteration's scope is opened now, with its item: an iteration never reads the whole list again.
    const scopes = list.map((item: unknown, index) => ({ index, variables: { [step.as]: item, [`${step.as}_index`]: index } }));
    return { kind: 'fork', input: { items: list }, output: progress, enqueue: Array.from({ length: started }, (_, index) => iterationPath(index)), scopes };
  }
  const state = await scopeState(engine, { runId: run.id, ownerPath: path, visit });
  if (!state.owner || state.owner.status === AttemptStatus.succeeded) return { kind: 'discard' };
  const progress = state.owner.output as ForeachProgress;
  if (state.ended >= progress.count) {
    return { kind: 'continue', output: await scopeResults(engine, { runId: run.id, ownerPath: path, count: progress.count }) };
  }
  const target = Math.min(progress.count, state.ended + step.concurrency);
  if (target <= progress.started) return { kind: 'park', output: progress };
  const enqueue = Array.from({ length: target - progress.started }, (_, offset) => iterationPath(progress.started + offset));
  return { kind: 'fork', output: { ...progress, started: target }, enqueue };
};
