// The engine workload: a 4-step workflow (decision, set, two http.request to
// a local server), at client concurrency 1 and 64, beside the database's raw
// single-row commit rate, the ceiling for durable steps; with the statements
// the store made per run (on PostgreSQL, round trips).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { applyDefinitions } from '../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../src/application/run-admin.ts';
import { silentLogger } from '../src/core/logger.ts';
import { parseDocuments } from '../src/definition/parse-documents.ts';
import { inspectDatabase, inspectTransaction } from '../src/store/inspect.ts';
import { StatementCounter } from '../src/store/statement-counter.ts';
import { readConfig } from '../src/system/config.ts';
import { TollgateSystem } from '../src/system/tollgate-system.ts';
import { fork } from 'node:child_process';
import { percentile, round, runConcurrently, type Row } from './bench-support.ts';

const workflow = (url: string) => `
kind: Workflow
id: bench
trigger: { type: manual, input: [{ key: amount, type: number, required: true }] }
steps:
  - id: size
    type: decision
    branches:
      - { when: amount >= 500, next: big }
    otherwise: big
  - id: big
    type: set
    values: { doubled: "{{ amount * 2 }}" }
  - id: first
    type: action
    uses: http.request
    with: { method: POST, url: "${url}/a", body: { run: "{{ run.id }}" } }
  - id: second
    type: action
    uses: http.request
    with: { method: POST, url: "${url}/b", body: { value: "{{ doubled }}" } }
`;

export async function engineBench(options: { dialect: 'sqlite' | 'postgres'; databaseUrl?: string; runs: number }): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  const server = await startHttpTarget();
  const waiters = new Map<string, () => void>();
  const batchSizes: number[] = [];
  const config = { ...readConfig({ TOLLGATE_OUTBOUND_ALLOW: 'loopback' }), databaseUrl: options.databaseUrl, dataDir, sqliteFile: join(dataDir, 'tollgate.db'), sqliteSynchronous: 'FULL' as const };
  const statements = new StatementCounter();
  const system = await TollgateSystem.open({
    config,
    logger: silentLogger,
    statementCounter: statements,
    worker: {
      concurrency: 64,
      pollMs: 100,
      onCommitted: (commits) => {
        batchSizes.push(commits.length);
        for (const commit of commits) if (commit.kind === 'finished') waiters.get(commit.runId)?.();
      },
    },
  });
  const rows: Row[] = [];
  try {
    rows.push({ dialect: options.dialect, workload: 'raw single-row commit', concurrency: 1, ...(await commitRate(system)) });
    await system.startWorker();
    await applyDefinitions(system.app, parseDocuments(workflow(server.url)));
    for (const concurrency of [1, 64]) {
      const count = concurrency === 1 ? Math.min(300, options.runs) : options.runs;
      batchSizes.length = 0;
      statements.reset();
      const result = await runConcurrently(count, concurrency, async (index) => {
        const done = new Promise<void>((resolve) => {
          void invokeWorkflow(system.app, { workflowId: 'bench', input: { amount: index } }).then((run) => waiters.set(run.id, resolve));
        });
        await done;
      });
      const sizes = batchSizes.splice(0);
      rows.push({
        dialect: options.dialect,
        workload: '4-step workflow',
        concurrency,
        'per second': round(count / result.seconds),
        'p50 ms': round(percentile(result.latencies, 50)),
        'p99 ms': round(percentile(result.latencies, 99)),
        count,
        'steps per commit': round(sizes.reduce((sum, size) => sum + size, 0) / Math.max(1, sizes.length), 2),
        'statements per run': round(statements.total / count, 1),
      });
    }
    const succeeded = await system.store.countRuns({ workflowId: 'bench', status: 'succeeded' });
    if (succeeded !== options.runs + Math.min(300, options.runs)) throw new Error(`only ${succeeded} runs succeeded`);
  } finally {
    await system.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

async function commitRate(system: TollgateSystem): Promise<Row> {
  await sql`CREATE TABLE bench_commits (id INTEGER PRIMARY KEY, at BIGINT NOT NULL)`.execute(inspectDatabase(system.store));
  const count = 2000;
  const result = await runConcurrently(count, 1, async (index) => {
    await inspectTransaction(system.store, async (trx) => {
      await sql`INSERT INTO bench_commits (id, at) VALUES (${index}, ${Date.now()})`.execute(trx);
    });
  });
  return { 'per second': round(count / result.seconds), 'p50 ms': round(percentile(result.latencies, 50), 2), 'p99 ms': round(percentile(result.latencies, 99), 2), count };
}

/** bench/http-target.ts in its own process. */
async function startHttpTarget(): Promise<{ url: string; close(): Promise<void> }> {
  const child = fork(new URL('./http-target.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the HTTP target exited ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
