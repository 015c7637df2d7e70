import { systemClock, type Clock } from '../../src/core/clock.ts';
import type { FaultPoints } from '../../src/core/fault-points.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import type { Operation, ResolvedConnector } from '../../src/engine/operation.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import type { WorkerOptions } from '../../src/engine/worker.ts';
import type { RunStatus } from '../../src/core/statuses.ts';
import { waitForRun } from './wait-for-run.ts';
import type { RunRecord } from '../../src/store/records.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestSystem {
  system: TollgateSystem;
  database: TestDatabase;
  clock: Clock;
  apply(yaml: string): Promise<void>;
  /** Runs the worker until nothing is due and nothing is in flight. */
  settle(): Promise<void>;
  /** Waits until the run ends (or parks, with `untilStatus: 'waiting'`), and returns it. */
  waitForRun(id: string, options?: { untilStatus?: RunStatus; timeoutMs?: number }): Promise<RunRecord>;
  close(): Promise<void>;
}

export async function createTestSystem(
  options: {
    clock?: Clock;
    operations?: Operation[];
    worker?: WorkerOptions;
    env?: NodeJS.ProcessEnv;
    actionTimeoutMs?: number;
    auth?: 'required' | 'off';
    faults?: FaultPoints;
    /** Connectors built in, as `tollgate start` builds in Stripe. */
    builtInConnectors?: ResolvedConnector[];
    /** TOLLGATE_PUBLIC_URL. */
    publicUrl?: string;
    /** Where the system logs; default nowhere. */
    logger?: Logger;
  } = {},
): Promise<TestSystem> {
  const database = await createTestDatabase();
  // Tests talk to servers on this machine: loopback is allowed explicitly, as production never has it by default.
  const config = {
    ...readConfig({}),
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
    sqliteFile: database.sqliteFile,
    sqliteSynchronous: 'NORMAL' as const,
    auth: options.auth ?? ('off' as const),
    outboundAllow: 'loopback',
    publicUrl: options.publicUrl,
  };
  const clock = options.clock ?? systemClock;
  const system = await TollgateSystem.open({
    config,
    logger: options.logger ?? silentLogger,
    clock,
    worker: { pollMs: 20, ...options.worker },
    ...(options.operations ? { operations: options.operations } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.builtInConnectors ? { builtInConnectors: options.builtInConnectors } : {}),
    ...(options.actionTimeoutMs === undefined ? {} : { actionTimeoutMs: options.actionTimeoutMs }),
  });
  await system.startWorker();
  return {
    system,
    database,
    clock,
    async apply(yaml) {
      await applyDefinitions(system.app, parseDocuments(yaml));
    },
    async settle() {
      system.worker.wake();
      await system.worker.idle();
    },
    waitForRun: (id, waitOptions) => waitForRun(system.store, id, waitOptions),
    async close() {
      await system.close();
      await database.drop();
    },
  };
}
