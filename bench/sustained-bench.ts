// P1, P2, P3 and statements per run: `tollgate start` (server and worker in
// one process) on a fresh database, personalize-orders applied, fed signed
// payment_intent.succeeded webhooks from another process: first at
// concurrency 1, then at concurrency 64 for a sustained window. Completion
// times are the runs' `finished_at`, read from the database afterwards.
import { fileURLToPath } from 'node:url';
import { drainRuns, openReader, type BenchReader, type BenchTarget } from './bench-database.ts';
import { percentile } from './bench-support.ts';
import type { LoadReport } from './load-generator.ts';
import { queueTrend, sampleQueue, type QueueTrend } from './queue-sampler.ts';
import { runLoad } from './run-load.ts';
import { bannerUrl, startTollgate } from './server-process.ts';

export const RECIPE_FILE = fileURLToPath(new URL('../examples/personalize-orders.yaml', import.meta.url));

export interface SustainedFigures {
  acksPerSecond: number;
  deferred: number;
  ackP99Ms: number;
  /** P1: runs that finished inside the sustained window, per second. */
  runsPerSecond: number;
  /** P2 at concurrency 1. */
  completeP50c1Ms: number;
  /** P2 under the sustained load: every event posted in the window, unfinished ones as never. */
  completeP99Ms: number;
  /** Runs of the window still unfinished when the drain gave up. */
  unfinished: number;
  queue: QueueTrend;
  windowSeconds: number;
  /** P3: the server's VmHWM at the end. */
  peakRssMb: number;
  statementsPerRun: number | undefined;
  cpuMsPerRun: number;
}

export interface SustainedOptions {
  target: BenchTarget;
  seconds: number;
  c1Seconds: number;
  /** How long to wait for the backlog to finish after the load stops. */
  drainSeconds: number;
}

export async function sustainedBench(options: SustainedOptions): Promise<SustainedFigures> {
  const { target } = options;
  const server = await startTollgate({
    command: 'start',
    args: ['--no-examples', '--file', RECIPE_FILE],
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    countStatements: target.dialect,
  });
  const reader = openReader(target);
  try {
    const url = `${bannerUrl(server)}/webhooks/stripe/stripe`;
    const single = await runLoad({ url, seconds: options.c1Seconds, concurrency: 1, prefix: `evt_${target.dialect}_c1`, keepSent: true });
    await drainRuns(reader, options.drainSeconds);
    const c1 = await completionLatencies(reader, single);

    const statementsBefore = await server.statements();
    const cpuBefore = server.cpuMs();
    const finishedBefore = await countFinished(reader);
    const sampler = sampleQueue(reader);
    const load = await runLoad({ url, seconds: options.seconds, concurrency: 64, prefix: `evt_${target.dialect}_c64`, keepSent: true });
    const samples = await sampler.stop();
    await drainRuns(reader, options.drainSeconds);
    const finished = (await countFinished(reader)) - finishedBefore;
    const statementsAfter = await server.statements();
    const cpuMsPerRun = (server.cpuMs() - cpuBefore) / finished;
    const peakRssMb = server.peakRssMb();

    const windowStart = Math.min(...(load.sent ?? []).map(([, sentAt]) => sentAt));
    const windowEnd = windowStart + load.seconds * 1000;
    const [inWindow] = await reader.rows<{ count: number }>(`SELECT COUNT(*) AS count FROM runs WHERE finished_at >= ${windowStart} AND finished_at <= ${windowEnd}`);
    const sustained = await completionLatencies(reader, load);
    await checkMails(reader);
    return {
      acksPerSecond: load.acks / load.seconds,
      deferred: load.deferred,
      ackP99Ms: load.ackLatencyMs.p99,
      runsPerSecond: Number(inWindow?.count ?? 0) / load.seconds,
      completeP50c1Ms: percentile(c1.latencies, 50),
      completeP99Ms: percentile(sustained.latencies, 99),
      unfinished: sustained.unfinished,
      queue: queueTrend(samples.filter((sample) => sample.at >= windowStart && sample.at <= windowEnd)),
      windowSeconds: load.seconds,
      peakRssMb,
      statementsPerRun: statementsBefore === undefined || statementsAfter === undefined || finished === 0 ? undefined : (statementsAfter - statementsBefore) / finished,
      cpuMsPerRun,
    };
  } finally {
    await reader.close();
    await server.stop();
  }
}

async function countFinished(reader: BenchReader): Promise<number> {
  const [row] = await reader.rows<{ count: number }>('SELECT COUNT(*) AS count FROM runs WHERE finished_at IS NOT NULL');
  return Number(row?.count ?? 0);
}


/** Event posted -> run finished, per run of the load, sorted; an unfinished run counts as never. */
async function completionLatencies(reader: BenchReader, load: LoadReport): Promise<{ latencies: number[]; unfinished: number }> {
  const rows = await reader.rows<{ id: string; finished_at: number | null }>('SELECT id, finished_at FROM runs');
  const finishedAt = new Map(rows.map((row) => [row.id, row.finished_at === null ? Number.POSITIVE_INFINITY : Number(row.finished_at)]));
  // A run that ended in the event's own commit (its first steps ran before the write) is complete when that
  // commit is, which its acknowledgement follows: its step's finished_at comes before the commit, so take the later.
  const latencies = (load.sent ?? []).map(([run, sentAt, ackedAt]) => Math.max(finishedAt.get(run) ?? Number.POSITIVE_INFINITY, ackedAt) - sentAt).sort((a, b) => a - b);
  return { latencies, unfinished: latencies.filter((latency) => latency === Number.POSITIVE_INFINITY).length };
}

/** Every finished run left its mail: the workload did what it claims. */
async function checkMails(reader: BenchReader): Promise<void> {
  const [row] = await reader.rows<{ runs: number; mails: number }>(
    "SELECT (SELECT COUNT(*) FROM runs WHERE status = 'succeeded') AS runs, (SELECT COUNT(DISTINCT run_id) FROM outbox) AS mails",
  );
  if (row === undefined || Number(row.runs) === 0 || Number(row.mails) < Number(row.runs)) throw new Error(`runs and mails disagree: ${JSON.stringify(row)}`);
}
