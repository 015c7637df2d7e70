/**
 * The real engine over a throwaway store: an in-memory SQLite database that
 * holds only the draft (published and active) and the simulated runs. The
 * worker runs the steps; a manual clock jumps to the next due time whenever
 * the worker is idle, so waits and timers end within the simulation.
 */
import type { AppContext } from '../application/app-context.ts';
import { definitionHash } from '../application/definition-hash.ts';
import { ManualClock } from '../core/clock.ts';
import { silentLogger } from '../core/logger.ts';
import type { WorkflowDocument } from '../definition/schema.ts';
import { DefinitionCache } from '../engine/definition-cache.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { registryOf, type ConnectorResolver, type ResolvedConnector } from '../engine/operation.ts';
import { Worker } from '../engine/worker.ts';
import { openStore } from '../store/open-store.ts';
import type { NewRun } from '../store/records.ts';
import type { SqlStore } from '../store/sql-store.ts';
import { simulatedApprovals, type ApprovalChoice } from './simulated-approvals.ts';
import { CallRecorder, simulatedOperations, unresolvedConnectors, type SimulationModes } from './simulated-operations.ts';

/** How many times the clock may jump to the next due time before the runs still waiting are reported as waiting. */
export const MAX_CLOCK_JUMPS = 50;

export interface SimulationEngineOptions extends SimulationModes {
  approval: ApprovalChoice;
  /** Steps run at once; a backtest runs many. */
  concurrency?: number;
}

/** One simulation's engine and store; close it when done. */
export class SimulationEngine {
  readonly engine: EngineContext;
  readonly recorder: CallRecorder;
  readonly clock: ManualClock;
  readonly #store: SqlStore;
  readonly #worker: Worker;

  private constructor(app: AppContext, store: SqlStore, options: SimulationEngineOptions) {
    this.#store = store;
    this.clock = new ManualClock(app.engine.clock.now());
    this.recorder = new CallRecorder();
    const real = app.engine;
    const operations = simulatedOperations({ real: real.operations, teams: real.store, recorder: this.recorder, modes: options });
    this.engine = {
      store,
      clock: this.clock,
      logger: silentLogger,
      operations: registryOf(operations),
      connectors: lenientConnectors(real.connectors),
      definitions: new DefinitionCache(store),
      expressionTimeoutMs: real.expressionTimeoutMs,
      actionTimeoutMs: real.actionTimeoutMs,
      approvals: simulatedApprovals({ decide: options.approval, teams: real.store }),
    };
    this.#worker = new Worker(this.engine, { concurrency: options.concurrency ?? 8, owner: 'simulation', pollMs: 50 });
  }

  /** Opens a throwaway store with `definition` published and active. */
  static async open(app: AppContext, definition: WorkflowDocument, options: SimulationEngineOptions): Promise<SimulationEngine> {
    const store = await openStore({ sqliteFile: ':memory:', sqliteSynchronous: 'NORMAL' });
    const simulation = new SimulationEngine(app, store, options);
    const now = simulation.clock.now();
    await store.saveDraft({ id: definition.id, title: definition.title ?? definition.id, definition, hash: definitionHash(definition), triggerType: definition.trigger.type, now });
    await store.publish({ id: definition.id, annotation: 'simulation', activate: true, now });
    await simulation.#worker.start();
    return simulation;
  }

  /** Inserts runs and runs them until every one has ended or waits past the clock jumps allowed. */
  async run(runs: NewRun[]): Promise<void> {
    if (runs.length > 0) await this.#store.createRuns(runs);
    await this.settle();
  }

  /** Runs what is due; then moves the clock to the next due time, again, until nothing is due or the jumps are used up. */
  async settle(): Promise<void> {
    await this.#worker.idle();
    for (let jump = 0; jump < MAX_CLOCK_JUMPS; jump += 1) {
      const due = await this.#store.nextDueAt();
      if (due === undefined) return;
      if (due.getTime() > this.clock.now().getTime()) this.clock.set(due);
      await this.#worker.idle();
    }
  }

  async close(): Promise<void> {
    await this.#worker.stop();
    await this.#store.close();
  }
}

/**
 * The app's connectors; one that cannot be resolved (a secret unset) stands
 * in empty, marked, so a simulated call goes on and a real one fails with the reason.
 */
function lenientConnectors(real: ConnectorResolver): ConnectorResolver {
  return {
    async resolve(request) {
      try {
        return await real.resolve(request);
      } catch (error) {
        const placeholder: ResolvedConnector = { id: request.name ?? request.type, type: request.type, config: {} };
        unresolvedConnectors.set(placeholder, error);
        return placeholder;
      }
    },
  };
}
