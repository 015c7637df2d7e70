import type { Variables } from '../../core/json.ts';
import type { TraceSpan } from '../../core/tracing.ts';
import type { RunRecord } from '../../store/records.ts';
import type { EngineContext } from '../engine-context.ts';
import type { StepLocation } from '../step-graph.ts';
import type { StepOutcome } from '../step-outcome.ts';

/** What a step handler gets: where it is, the run's variables, and the engine's services. */
export interface StepInvocation<S> {
  step: S;
  location: StepLocation;
  path: string;
  visit: number;
  attempt: number;
  run: RunRecord;
  /** Run variables plus `run` metadata: what expressions see. */
  variables: Variables;
  /** Data handed back when a parked or sleeping step is enqueued again. */
  resume: unknown;
  now: Date;
  engine: EngineContext;
  /** The attempt's span when traces are on: what the step calls out to goes under it. */
  span?: TraceSpan;
}

export type StepHandler<S> = (invocation: StepInvocation<S>) => Promise<StepOutcome>;

/**
 * What a step with no side effect and no wait gets: where it is, the variables, and the expression
 * bound, nothing else (no store, no operations, no visit or resume). Such a step may run in the commit
 * of the step before it (engine/inline-steps.ts): its type keeps it that way.
 */
export interface PureStepInvocation<S> {
  step: S;
  location: StepLocation;
  variables: Variables;
  engine: Pick<EngineContext, 'expressionTimeoutMs'>;
}

export type PureStepHandler<S> = (invocation: PureStepInvocation<S>) => Promise<StepOutcome>;
