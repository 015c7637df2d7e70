import type { Clock } from '../core/clock.ts';
import type { OperationContext, ResolvedConnector } from './operation.ts';

/**
 * The context of an operation called outside any run, to read something for
 * people (the charge an approver reviews, a form's default currency, what a
 * new task leads to): no step commit to write in, a deadline, and `purpose`
 * where the connector expects a run, a step and an idempotency key.
 */
export function outsideRunContext(options: { purpose: string; connector: ResolvedConnector | undefined; timeoutMs: number; clock: Clock }): OperationContext {
  const { purpose } = options;
  return { idempotencyKey: purpose, connector: options.connector, signal: AbortSignal.timeout(options.timeoutMs), runId: purpose, stepPath: purpose, clock: options.clock };
}
