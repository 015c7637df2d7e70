import { parseDuration } from '../../core/duration.ts';
import { PermanentError, TransientError } from '../../core/errors.ts';
import { renderTemplate } from '../../expression/index.ts';
import type { ActionStep } from '../../definition/schema.ts';
import { idempotencyKey } from '../idempotency-key.ts';
import { moneyCallOf } from '../money-call-of.ts';
import { retriesAfter, retryPolicyOf } from '../retry-policy.ts';
import { guardedMoneyCall } from '../money/money-guard.ts';
import { isMoneyOperation } from '../money/money-operation.ts';
import { StepInputError } from '../step-input-error.ts';
import { stepConnector } from './step-connector.ts';
import type { StepHandler } from './step-handler.ts';
import type { OperationContext, StepWrite } from '../operation.ts';

/**
 * Calls a connector operation with the rendered `with` parameters and the
 * step's idempotency key, bounded by the step's timeout.
 */
export const runActionStep: StepHandler<ActionStep> = async ({ step, path, visit, attempt, run, variables, engine, span }) => {
  const operation = engine.operations.get(step.uses);
  if (!operation) {
    throw new PermanentError('operation_unknown', `${path}.uses: no operation "${step.uses}"; valid ones: ${[...engine.operations.keys()].join(', ')}`);
  }
  const input = (await renderTemplate(step.with, variables, { timeoutMs: engine.expressionTimeoutMs })) as Record<string, unknown>;
  const connector = await stepConnector(engine, step, operation);
  const timeoutMs = step.timeout === undefined ? engine.actionTimeoutMs : parseDuration(step.timeout, `${path}.timeout`);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TransientError('step_timeout', `${path}: ${step.uses} did not answer within ${timeoutMs} ms; it will be retried with the same idempotency key`));
    }, timeoutMs);
  });
  const key = idempotencyKey({ runId: run.id, stepPath: path, visit, retryGeneration: run.retryGeneration });
  // A money-moving call is audited in its step's commit, whatever its outcome.
  const money = (result: { output?: unknown; error?: unknown }) =>
    operation.spec.movesMoney === true ? moneyCallOf({ operation: step.uses, idempotencyKey: key, params: input, ...result }) : undefined;
  // Rows the operation asks for go in this step's commit (an outbox message), kept only with its result.
  const writes: StepWrite[] = [];
  try {
    const context: OperationContext = {
      idempotencyKey: key,
      connector,
      signal: controller.signal,
      runId: run.id,
      stepPath: path,
      clock: engine.clock,
      writeInCommit: (write) => writes.push(write),
      // The same rule commitForFailure applies to the failure.
      finalAttempt: !retriesAfter(retryPolicyOf(step.retry), attempt),
    };
    // Refunds and credit notes go through the money guard: pre-flight, the reservation ledger, look-up before a repeat.
    const call = (within: OperationContext) =>
      isMoneyOperation(operation)
        ? guardedMoneyCall({ engine, run, path, visit, operation, input, context: within })
        : operation.execute(input, within).then((output) => ({ kind: 'done' as const, input, output }));
    // While traces are on, the call is a span of its own under the step's, and what it calls over HTTP continues it.
    const traced =
      span === undefined
        ? call(context)
        : span.child(step.uses, { 'tollgate.operation': step.uses, 'tollgate.idempotency_key': key, 'tollgate.connector': connector?.id }, (callSpan) => {
            const traceparent = callSpan.traceparent();
            return call(traceparent === undefined ? context : { ...context, traceparent });
          }, 'client');
    const done = await Promise.race([traced, timeout]);
    // A person is asked whether an earlier attempt moved money (money/outcome-check.ts); their decision wakes the step.
    if (done.kind === 'parked') return { kind: 'park', input: done.input };
    const moved = money({ output: done.output });
    return { kind: 'continue', input: done.input, output: done.output, ...(moved === undefined ? {} : { money: moved }), ...(writes.length === 0 ? {} : { writes }) };
  } catch (error) {
    throw new StepInputError(error, input, money({ error }));
  } finally {
    clearTimeout(timer);
  }
};
