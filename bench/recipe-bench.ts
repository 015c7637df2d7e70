// The recipe workload: signed payment_intent.succeeded webhooks for
// personalize-orders posted over HTTP; every run ends with a mail in the
// outbox. Prints runs/s, ack and event-to-run-complete latencies, peak RSS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import { applyDefinitions } from '../src/application/apply-definitions.ts';
import { silentLogger } from '../src/core/logger.ts';
import { parseDocuments } from '../src/definition/parse-documents.ts';
import { buildServer } from '../src/server/build-server.ts';
import { readConfig } from '../src/system/config.ts';
import { TollgateSystem } from '../src/system/tollgate-system.ts';
import { percentile, round, type Row } from './bench-support.ts';

const SECRET = 'whsec_bench_secret';

export async function recipeBench(options: { dialect: 'sqlite' | 'postgres'; databaseUrl?: string; events: number }): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  const finishedAt = new Map<string, number>();
  const config = { ...readConfig({ TOLLGATE_OUTBOUND_ALLOW: 'loopback', TOLLGATE_RATE_LIMIT_WEBHOOK: 'off' }), databaseUrl: options.databaseUrl, dataDir, sqliteFile: join(dataDir, 'tollgate.db'), sqliteSynchronous: 'FULL' as const };
  const system = await TollgateSystem.open({
    config,
    logger: silentLogger,
    builtInConnectors: [{ id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_bench', webhook_secrets: [SECRET] } }],
    // The worker sizes its concurrency itself (TOLLGATE_WORKER_CONCURRENCY=auto).
    worker: {
      pollMs: 100,
      onCommitted: (commits) => {
        const now = performance.timeOrigin + performance.now();
        for (const commit of commits) if (commit.kind === 'finished') finishedAt.set(commit.runId, now);
      },
    },
  });
  await system.startWorker();
  const recipes = readFileSync(new URL('../examples/personalize-orders.yaml', import.meta.url), 'utf8');
  await applyDefinitions(system.app, parseDocuments(recipes));
  const server = await buildServer({ app: system.app, logger: silentLogger });
  const url = `${await server.listen({ host: '127.0.0.1', port: 0 })}/webhooks/stripe/stripe`;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const queue = { depth: 0, oldestAgeMs: 0, concurrency: 0 };
  const queueSampler = setInterval(() => {
    void system.backlog.read({ fresh: true }).then((reading) => {
      queue.depth = Math.max(queue.depth, reading.depth);
      queue.oldestAgeMs = Math.max(queue.oldestAgeMs, reading.oldestDueAt ? reading.readAt.getTime() - reading.oldestDueAt.getTime() : 0);
      queue.concurrency = Math.max(queue.concurrency, system.worker.concurrency);
    });
  }, 250);
  const rows: Row[] = [];
  try {
    for (const concurrency of [1, 64]) {
      const count = concurrency === 1 ? Math.min(300, options.events) : options.events;
      Object.assign(queue, { depth: 0, oldestAgeMs: 0, concurrency: 0 });
      const load = await generateLoad({ url, count, concurrency, prefix: `evt_${options.dialect}_${concurrency}` });
      const sent = new Map(load.sent);
      // Wait for every run of this round to end.
      const deadline = Date.now() + 300_000;
      while ([...sent.keys()].some((run) => !finishedAt.has(run)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const completion = [...sent.entries()].map(([run, begin]) => (finishedAt.get(run) ?? Number.NaN) - begin).sort((a, b) => a - b);
      const lastDone = Math.max(...[...sent.keys()].map((run) => finishedAt.get(run) ?? 0));
      const firstSent = Math.min(...sent.values());
      rows.push({
        dialect: options.dialect,
        concurrency,
        events: count,
        'runs/s': round(count / ((lastDone - firstSent) / 1000)),
        'ack p50 ms': round(percentile(load.latencies, 50)),
        'ack p99 ms': round(percentile(load.latencies, 99)),
        'complete p50 ms': round(percentile(completion, 50)),
        'complete p99 ms': round(percentile(completion, 99)),
        'peak RSS MB': round(peakRss / 1024 / 1024),
        '503s': load.refused,
        'max queue depth': queue.depth,
        'max oldest due s': round(queue.oldestAgeMs / 1000),
        'max worker conc.': queue.concurrency,
      });
    }
    const mails = (await system.app.outbox.list({ limit: 1 })).items.length;
    if (mails === 0) throw new Error('no mail reached the outbox');
  } finally {
    clearInterval(sampler);
    clearInterval(queueSampler);
    await server.close();
    await system.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Runs bench/webhook-load.ts in its own process and returns what it measured. */
function generateLoad(input: { url: string; count: number; concurrency: number; prefix: string }): Promise<{ latencies: number[]; sent: [string, number][]; refused: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./webhook-load.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, URL: input.url, SECRET, COUNT: String(input.count), CONCURRENCY: String(input.concurrency), PREFIX: input.prefix },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited ${code}`));
      else resolve(JSON.parse(output) as { latencies: number[]; sent: [string, number][]; refused: number });
    });
  });
}
