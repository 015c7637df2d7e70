/**
 * The seam between the engine and connectors: an action step `uses` an
 * Operation by name. Connectors implement Operations; the engine only calls them.
 */
import type { OperationSpec } from '../definition/operation-spec.ts';
import type { Clock } from '../core/clock.ts';
import type { StepWrite } from '../store/step-write.ts';

export type { StepWrite } from '../store/step-write.ts';

/** A connector with its configuration resolved (secrets filled in from the environment). */
export interface ResolvedConnector {
  id: string;
  type: string;
  config: Record<string, unknown>;
  /**
   * Config keys left out because an environment variable they name is unset,
   * with that variable: only keys the operation lists in `connectorEnvOptional`.
   */
  unsetEnv?: Readonly<Record<string, string>>;
}

export interface OperationContext {
  /** Stable across re-runs of the same step: send it as `Idempotency-Key` / `webhook-id`. */
  idempotencyKey: string;
  connector: ResolvedConnector | undefined;
  /** Aborted when the step's timeout passes. */
  signal: AbortSignal;
  runId: string;
  stepPath: string;
  clock: Clock;
  /**
   * Present when the call runs in an action step: rows handed here are written
   * in the step's own commit, with its journal row, instead of a commit of
   * their own (kept only if the step's result is). Absent outside a step.
   */
  writeInCommit?: (write: StepWrite) => void;
  /**
   * True when a TransientError from this call is not retried: the step fails,
   * or takes its `on_error`, instead. What the operation recorded for a later
   * attempt (an email still being sent) is then given up. Absent outside a step.
   */
  finalAttempt?: boolean;
  /** The call's W3C trace context while traces are on: operations that call over HTTP send it as `traceparent`. */
  traceparent?: string;
}

export interface Operation {
  spec: OperationSpec;
  /** Throws TransientError to be retried, PermanentError (or anything else) to fail the step. */
  execute(input: Record<string, unknown>, context: OperationContext): Promise<unknown>;
  /**
   * True when, with this connector, a call in a step does nothing but hand rows to `writeInCommit`:
   * no call out, no write of its own. Such a step may run before the run it starts is written, and
   * commit with it (run-handoff.ts). Absent: never.
   */
  writesOnlyInCommit?(connector: ResolvedConnector | undefined): boolean;
}

export type OperationRegistry = ReadonlyMap<string, Operation>;

/** @throws Error for an operation that moves money and claims to write only in its commit: money never moves before its run is written. */
export function registryOf(operations: readonly Operation[]): OperationRegistry {
  for (const operation of operations) {
    if (operation.spec.movesMoney === true && operation.writesOnlyInCommit !== undefined) {
      throw new Error(`operation ${operation.spec.name} moves money, so it cannot write only in its commit: leave out writesOnlyInCommit`);
    }
  }
  return new Map(operations.map((operation) => [operation.spec.name, operation]));
}

/** Finds the connector an action step uses: by name, or the only one of the needed type. */
export interface ConnectorResolver {
  /** `envOptional`: config keys whose unset environment variables leave the key out instead of failing (see OperationSpec). */
  resolve(request: { type: string; name: string | undefined; optional: boolean; envOptional?: readonly string[] }): Promise<ResolvedConnector | undefined>;
}
