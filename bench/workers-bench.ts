// P5: PostgreSQL, one intake (`tollgate serve`) and N `tollgate worker`
// processes on a fresh database each, under the sustained recipe load.
// Prints the runs finished per second in the window and the steps that ran
// twice, counted from the journal (and the mails sent twice, from the outbox);
// beside them what each run cost the intake and the workers together, in CPU
// and in round trips to PostgreSQL, from the load's start to the end of the drain;
// and how busy the machine's cores were then, and PostgreSQL's share.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drainRuns, openReader, type BenchTarget } from './bench-database.ts';
import { measureMachineCpu } from './machine-cpu.ts';
import { runLoad, WEBHOOK_SECRET } from './run-load.ts';
import { applyFile, bannerUrl, startTollgate, type BenchProcess } from './server-process.ts';
import { RECIPE_FILE } from './sustained-bench.ts';

export interface WorkersFigures {
  workers: number;
  runsPerSecond: number;
  stepsRunTwice: number;
  mailsSentTwice: number;
  unfinished: number;
  /** CPU ms per run finished: the intake (serve), then all the workers together. */
  cpuMsPerRun: { intake: number; workers: number };
  /** Round trips to PostgreSQL per run finished: the intake, then all the workers together. */
  roundTripsPerRun: { intake: number; workers: number | undefined };
  /** All cores' busy fraction over the same span (0..1), and PostgreSQL's CPU ms per run in it. */
  machine: { busy: number; postgresCpuMsPerRun: number };
}

const STRIPE_CONNECTOR = `kind: Connector
id: stripe
type: stripe
config:
  secret_key: sk_test_bench
  webhook_secrets: ["${WEBHOOK_SECRET}"]
`;

export async function workersBench(options: { target: BenchTarget; workers: number; seconds: number; drainSeconds: number }): Promise<WorkersFigures> {
  const { target } = options;
  const server = await startTollgate({ command: 'serve', dataDir: target.dataDir, databaseUrl: target.databaseUrl, countStatements: 'postgres' });
  const processes: BenchProcess[] = [server];
  const reader = openReader(target);
  try {
    const url = bannerUrl(server);
    const definitions = join(target.dataDir, 'bench-definitions.yaml');
    writeFileSync(definitions, `${readFileSync(RECIPE_FILE, 'utf8')}\n---\n${STRIPE_CONNECTOR}`);
    await applyFile(server, definitions, target.dataDir);
    for (let index = 0; index < options.workers; index += 1) {
      processes.push(await startTollgate({ command: 'worker', dataDir: target.dataDir, databaseUrl: target.databaseUrl, countStatements: 'postgres' }));
    }
    const workers = processes.slice(1);
    const before = await costs(server, workers);
    const machine = measureMachineCpu();
    const load = await runLoad({ url: `${url}/webhooks/stripe/stripe`, seconds: options.seconds, concurrency: 64, prefix: `evt_workers_${options.workers}`, keepSent: true });
    await drainRuns(reader, options.drainSeconds);
    const after = await costs(server, workers);
    const used = machine.stop();
    const windowStart = Math.min(...(load.sent ?? []).map(([, sentAt]) => sentAt));
    const windowEnd = windowStart + load.seconds * 1000;
    const [row] = await reader.rows<{ finished: number; unfinished: number; ended: number; twice: number; mails: number }>(`SELECT
      (SELECT COUNT(*) FROM runs WHERE finished_at >= ${windowStart} AND finished_at <= ${windowEnd}) AS finished,
      (SELECT COUNT(*) FROM runs WHERE finished_at IS NULL) AS unfinished,
      (SELECT COUNT(*) FROM runs WHERE finished_at IS NOT NULL) AS ended,
      (SELECT COUNT(*) FROM (SELECT run_id FROM step_attempts GROUP BY run_id, step_path, visit HAVING COUNT(*) > 1) AS repeated) AS twice,
      (SELECT COUNT(*) FROM (SELECT run_id FROM outbox GROUP BY run_id HAVING COUNT(*) > 1) AS repeated) AS mails`);
    return {
      workers: options.workers,
      runsPerSecond: Number(row?.finished ?? 0) / load.seconds,
      stepsRunTwice: Number(row?.twice ?? 0),
      mailsSentTwice: Number(row?.mails ?? 0),
      unfinished: Number(row?.unfinished ?? 0),
      ...perRun(before, after, Number(row?.ended ?? 0)),
      machine: { busy: used.busy, postgresCpuMsPerRun: Number(row?.ended ?? 0) === 0 ? Number.NaN : used.postgresCpuMs / Number(row?.ended ?? 0) },
    };
  } finally {
    await reader.close();
    for (const running of processes.reverse()) await running.stop();
  }
}


interface Costs {
  intakeCpuMs: number;
  workersCpuMs: number;
  intakeRoundTrips: number | undefined;
  workersRoundTrips: number | undefined;
}

async function costs(intake: BenchProcess, workers: readonly BenchProcess[]): Promise<Costs> {
  const trips = await Promise.all(workers.map((worker) => worker.statements()));
  return {
    intakeCpuMs: intake.cpuMs(),
    workersCpuMs: workers.reduce((sum, worker) => sum + worker.cpuMs(), 0),
    intakeRoundTrips: await intake.statements(),
    workersRoundTrips: trips.some((count) => count === undefined) ? undefined : trips.reduce<number>((sum, count) => sum + (count ?? 0), 0),
  };
}

function perRun(before: Costs, after: Costs, runs: number): Pick<WorkersFigures, 'cpuMsPerRun' | 'roundTripsPerRun'> {
  const per = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined || runs === 0 ? Number.NaN : (to - from) / runs);
  return {
    cpuMsPerRun: { intake: per(before.intakeCpuMs, after.intakeCpuMs), workers: per(before.workersCpuMs, after.workersCpuMs) },
    roundTripsPerRun: { intake: per(before.intakeRoundTrips, after.intakeRoundTrips), workers: per(before.workersRoundTrips, after.workersRoundTrips) },
  };
}
