import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { Worker } from '../../src/engine/worker.ts';
import type { Claim } from '../../src/store/records.ts';
import type { Store } from '../../src/store/store.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { createTestDatabase } from '../support/test-database.ts';

/**
 * A foreach's work per iteration must not grow with the number of items.
 * Counted, not timed: the records the store hands the engine (every store
 * call, by the rows it returns) and, on PostgreSQL, the rows the database
 * itself read (pg_stat: sequential-scan rows plus index entries). The cost of
 * the items between two sizes, per item, is compared with the same at twice
 * the size: equal when the work per iteration is constant, doubled when each
 * iteration reads what the earlier ones wrote.
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
  /** Rows the store returned to the engine, over every call. */
  records: number;
  /** Store calls. */
  calls: number;
  /** Rows PostgreSQL read (undefined on SQLite, which keeps no such count). */
  databaseRows: number | undefined;
}

/** Counts every call on the store and the rows it returns. */
function countingStore(store: Store, cost: { records: number; calls: number }): Store {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        cost.calls += 1;
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        cost.records += recordsIn(result);
        return result;
      };
    },
  });
}

/** The records in what a store call returned: a list's or map's entries, a look at the queue's leased items (claimWork), or one. */
function recordsIn(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (result instanceof Map) return result.size;
  if (isClaim(result)) return result.work.length;
  return result === undefined ? 0 : 1;
}

function isClaim(result: unknown): result is Claim {
  return typeof result === 'object' && result !== null && Array.isArray((result as Partial<Claim>).work);
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

test('a foreach reads a constant amount per iteration: the cost of 40 more items is twice that of 20 more, not four times', { timeout: 600_000 }, async () => {
  const small = await runForeach(20);
  const medium = await runForeach(40);
  const large = await runForeach(80);
  const perItem = (key: 'records' | 'calls' | 'databaseRows') => {
    const [a, b, c] = [small[key] ?? 0, medium[key] ?? 0, large[key] ?? 0];
    return { first: (b - a) / 20, second: (c - b) / 40 };
  };
  // Store calls are reported, not compared: how many claims a worker makes (some finding nothing)
  // depends on how the machine schedules it. The rows handed over and read are the work itself.
  for (const key of ['records', 'databaseRows'] as const) {
    if (small[key] === undefined) continue;
    const { first, second } = perItem(key);
    assert.ok(first > 0, `${key}: the items cost something`);
    const calls = perItem('calls');
    // Constant work per iteration gives a ratio near 1; reading what earlier iterations wrote, near 2.
    assert.ok(second / first < 1.4, `${key} per item: ${first.toFixed(1)} from 20 to 40 items, ${second.toFixed(1)} from 40 to 80; calls ${calls.first.toFixed(1)} then ${calls.second.toFixed(1)} (${JSON.stringify({ small, medium, large })})`);
  }
});
