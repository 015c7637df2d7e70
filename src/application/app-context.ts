import type { OperationCatalog } from '../definition/operation-spec.ts';
import type { EngineContext } from '../engine/engine-context.ts';

/** What the use cases shared by the HTTP API and the CLI need. */
export interface AppContext {
  engine: EngineContext;
  catalog: OperationCatalog;
  /** Tells the local worker that work was queued in this process. */
  wakeWorker: () => void;
}
