import type { Clock } from '../core/clock.ts';
import type { FaultPoints } from '../core/fault-points.ts';
import type { Logger } from '../core/logger.ts';
import type { Tracing } from '../core/tracing.ts';
import type { Store } from '../store/store.ts';
import type { DefinitionCache } from './definition-cache.ts';
import type { ConnectorResolver, OperationRegistry } from './operation.ts';
import type { ApprovalGateway } from './approval-gateway.ts';
import type { RunHandoff } from './run-handoff.ts';

/** Everything the engine needs from outside, passed explicitly. */
export interface EngineContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  operations: OperationRegistry;
  connectors: ConnectorResolver;
  definitions: DefinitionCache;
  /** Bound on each expression's evaluation. */
  expressionTimeoutMs: number;
  /** Default per-attempt timeout of action steps. */
  actionTimeoutMs: number;
  /** Approval tasks; absent in a process that runs no approval steps. */
  approvals?: ApprovalGateway;
  /**
   * The sealed values an owner keeps (a workflow's `workflow:<id>`, opened):
   * where a webhook trigger's `{{ secret.trigger.secret }}` is read. Absent where nothing is sealed.
   */
  sealedValues?: (ownerId: string) => Promise<ReadonlyMap<string, string>>;
  /** The worker of this process, which takes new runs' first steps without a claim; absent where no worker runs. */
  handoff?: RunHandoff;
  /** Spans around step attempts and the calls they make; absent: none. */
  tracing?: Tracing;
  /** Fault points tests arm (`engine.step.run`); absent in production. */
  faults?: FaultPoints;
}
