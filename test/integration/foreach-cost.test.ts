import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { Worker } from '../../src/engine/worker.ts';
import type { Store } from '../../src/store/store.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { createTestDatabase } from '../support/test-database.ts';

/**
 * A foreach's work per iteration must not grow with the number of items.
 * Counted, not timed: the records the store's reads hand the engine (every
 * read, by the rows it returns) and, on PostgreSQL, the rows the database
 * itself read (pg_stat: sequential-scan rows plus index entries). The cost per
 * item of 80 items is compared with that of 20: about the same when the work
 * per iteration is constant, four times when each iteration reads what the
 * earlier ones wrote. How the worker's claims and commits fall (how many
 * items one claim takes, how many steps one commit folds) follows how the
 * machine schedules it, so the per-item cost of constant work varies with it
 * (seen: 2.6 to 3.2 reads per item); the bound sits between that and 4.
 */
const workflow = `
kind: Workflow
id: many
trigger: { type: manual, input: [{ key: count, type: number, required: true }] }
steps:
  - id: loop
    type: foreach
    items: "[1..count]"
    as: n
    concurrency: 4
    steps:
      - { id: double, type: set, values: { doubled: "{{ n * 2 }}" } }
      - { id: plus, type: set, values: { result: "{{ doubled + n_index }}" } }
  - { id: after, type: set, values: { total: "{{ $sum(loop.result) }}" } }
`;

interface Cost {
  /** Rows the store's reads returned to the engine, over every read. */
  records: number;
  /** Store calls. */
  calls: number;
  /** Rows PostgreSQL read (undefined on SQLite, which keeps no such count). */
  databaseRows: number | undefined;
}

/** The work handed over and the results written, not reads: their sizes follow the scheduling. */
const NOT_READS = new Set(['claimWork', 'commitSteps']);

/** Counts every call on the store, and the rows its reads return. */
function countingStore(store: Store, cost: { records: number; calls: number }): Store {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        cost.calls += 1;
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (!NOT_READS.has(String(property))) cost.records += recordsIn(result);
        return result;
      };
    },
  });
}

/** The records in what a store read returned: a list's or map's entries, or one. */
function recordsIn(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (result instanceof Map) return result.size;
  return result === undefined ? 0 : 1;
}

async function runForeach(count: number): Promise<Cost> {
  const database = await createTestDatabase();
  const config = { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' as const };
  const system = await TollgateSystem.open({ config, logger: silentLogger });
  const counted = { records: 0, calls: 0 };
  let finished: (() => void) | undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  // A worker of its own, on the counting store; it polls only when woken, so idle looks add nothing.
  const worker = new Worker({ ...system.engine, store: countingStore(system.store, counted) }, {
    concurrency: 8,
    pollMs: 60_000,
    onCommitted: (commits) => {
      if (commits.some((commit) => commit.kind === 'finished')) finished?.();
    },
  });
  try {
    await applyDefinitions(system.app, parseDocuments(workflow));
    await worker.start();
    const run = await invokeWorkflow(system.app, { workflowId: 'many', input: { count } });
    worker.wake();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the ${count}-item foreach did not finish in 120 s`)), 120_000)))]);
    clearTimeout(timer);
    await worker.stop();
    const ended = await system.store.getRun(run.id);
    assert.equal(ended?.status, 'succeeded', JSON.stringify(ended?.error));
    assert.equal(ended.variables.total, count * (count + 1) + (count * (count - 1)) / 2);
  } finally {
    await worker.stop();
    await system.close();
  }
  try {
    return { ...counted, databaseRows: database.databaseUrl === undefined ? undefined : await rowsRead(database.databaseUrl) };
  } finally {
    await database.drop();
  }
}

/** Rows PostgreSQL read in this database's tables, once every session of the closed pool has reported its counts. */
async function rowsRead(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + 30_000;
    // A backend reports its counts when it exits: wait until the pool's are gone, then until the counts hold still.
    for (;;) {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (Number(rows[0]?.n) === 0) break;
      if (Date.now() > deadline) throw new Error('the pool did not close');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let previous = -1;
    for (;;) {
      await client.query('SELECT pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ n: string }>(
        `SELECT (SELECT COALESCE(sum(seq_tup_read), 0) FROM pg_stat_user_tables) + (SELECT COALESCE(sum(idx_tup_read), 0) FROM pg_stat_user_indexes) AS n`,
      );
      const now = Number(rows[0]?.n);
      if (now === previous) return now;
      if (Date.now() > deadline) throw new Error('the statistics did not settle');
      previous = now;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await client.end();
  }
}

test('a foreach reads a constant amount per iteration: 80 items cost per item what 20 do, not four times as much', { timeout: 600_000 }, async () => {
  const small = await runForeach(20);
  const large = await runForeach(80);
  for (const key of ['records', 'databaseRows'] as const) {
    const [few, many] = [small[key], large[key]];
    if (few === undefined || many === undefined) continue;
    assert.ok(few > 0, `${key}: the items cost something`);
    const growth = many / 80 / (few / 20);
    assert.ok(growth < 2, `${key} per item: ${(few / 20).toFixed(1)} with 20 items, ${(many / 80).toFixed(1)} with 80 (x${growth.toFixed(2)}); store calls ${small.calls} then ${large.calls}`);
  }
});
