// The recipe workload: signed payment_intent.succeeded webhooks for
// personalize-orders posted over HTTP; every run ends with a mail in the
// outbox. Prints runs/s, ack and event-to-run-complete latencies, peak RSS.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { applyDefinitions } from '../src/application/apply-definitions.ts';
import { silentLogger } from '../src/core/logger.ts';
import { parseDocuments } from '../src/definition/parse-documents.ts';
import { buildServer } from '../src/server/build-server.ts';
import { readConfig } from '../src/system/config.ts';
import { TollgateSystem } from '../src/system/tollgate-system.ts';
import { percentile, round, runConcurrently, type Row } from './bench-support.ts';

const SECRET = 'whsec_bench_secret';

export async function recipeBench(options: { dialect: 'sqlite' | 'postgres'; databaseUrl?: string; events: number }): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  const finishedAt = new Map<string, number>();
  const config = { ...readConfig({}), databaseUrl: options.databaseUrl, dataDir, sqliteFile: join(dataDir, 'tollgate.db'), sqliteSynchronous: 'FULL' as const };
  const system = await TollgateSystem.open({
    config,
    logger: silentLogger,
    builtInConnectors: [{ id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_bench', webhook_secrets: [SECRET] } }],
    worker: {
      concurrency: 64,
      pollMs: 100,
      onCommitted: (commits) => {
        const now = performance.now();
        for (const commit of commits) if (commit.finish) finishedAt.set(commit.runId, now);
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
  const rows: Row[] = [];
  let sequence = 0;
  try {
    for (const concurrency of [1, 64]) {
      const count = concurrency === 1 ? Math.min(300, options.events) : options.events;
      const sent = new Map<string, number>();
      const result = await runConcurrently(count, concurrency, async () => {
        sequence += 1;
        const event = {
          id: `evt_bench_${options.dialect}_${sequence}`,
          object: 'event',
          type: 'payment_intent.succeeded',
          created: Math.floor(Date.now() / 1000),
          livemode: false,
          data: { object: { id: `pi_bench_${sequence}`, object: 'payment_intent', amount: 150_000, currency: 'usd', customer: 'cus_bench' } },
        };
        const body = JSON.stringify(event);
        const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
        const begin = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
        const answer = (await response.json()) as { runs: string[] };
        if (response.status !== 200 || answer.runs.length !== 1) throw new Error(`intake answered ${response.status}`);
        sent.set(answer.runs[0] ?? '', begin);
      });
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
        'ack p50 ms': round(percentile(result.latencies, 50)),
        'ack p99 ms': round(percentile(result.latencies, 99)),
        'complete p50 ms': round(percentile(completion, 50)),
        'complete p99 ms': round(percentile(completion, 99)),
        'peak RSS MB': round(peakRss / 1024 / 1024),
      });
    }
    const mails = (await system.app.outbox.list({ limit: 1 })).items.length;
    if (mails === 0) throw new Error('no mail reached the outbox');
  } finally {
    clearInterval(sampler);
    await server.close();
    await system.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
