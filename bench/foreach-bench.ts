// A foreach of many items: the time from start to end of one run whose loop
// runs two steps per item at concurrency 8. Each iteration's work is constant,
// so the time grows with the items, not with their square.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyDefinitions } from '../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../src/application/run-admin.ts';
import { silentLogger } from '../src/core/logger.ts';
import { parseDocuments } from '../src/definition/parse-documents.ts';
import { readConfig } from '../src/system/config.ts';
import { TollgateSystem } from '../src/system/tollgate-system.ts';
import { round, type Row } from './bench-support.ts';

const workflow = `
kind: Workflow
id: foreach-bench
trigger: { type: manual, input: [{ key: count, type: number, required: true }] }
steps:
  - id: loop
    type: foreach
    items: "[1..count]"
    as: n
    concurrency: 8
    steps:
      - { id: double, type: set, values: { doubled: "{{ n * 2 }}" } }
      - { id: plus, type: set, values: { result: "{{ doubled + n_index }}" } }
  - { id: total, type: set, values: { sum: "{{ $sum(loop.result) }}" } }
`;

export async function foreachBench(options: { dialect: 'sqlite' | 'postgres'; databaseUrl?: string; items: number }): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  let finished: (() => void) | undefined;
  const config = { ...readConfig({ TOLLGATE_OUTBOUND_ALLOW: 'loopback' }), databaseUrl: options.databaseUrl, dataDir, sqliteFile: join(dataDir, 'tollgate.db'), sqliteSynchronous: 'FULL' as const };
  const system = await TollgateSystem.open({
    config,
    logger: silentLogger,
    worker: { concurrency: 64, pollMs: 100, onCommitted: (commits) => commits.some((commit) => commit.kind === 'finished') && finished?.() },
  });
  try {
    await system.startWorker();
    await applyDefinitions(system.app, parseDocuments(workflow));
    const done = new Promise<void>((resolve) => (finished = resolve));
    const started = performance.now();
    const run = await invokeWorkflow(system.app, { workflowId: 'foreach-bench', input: { count: options.items } });
    await done;
    const seconds = (performance.now() - started) / 1000;
    const ended = await system.store.getRun(run.id);
    if (ended?.status !== 'succeeded') throw new Error(`the foreach run ended ${ended?.status}: ${JSON.stringify(ended?.error)}`);
    return { dialect: options.dialect, workload: `foreach of ${options.items} items, 2 steps each`, concurrency: 8, seconds: round(seconds, 2), 'steps per second': round((options.items * 2) / seconds) };
  } finally {
    await system.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
