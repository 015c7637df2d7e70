// P5: PostgreSQL, one intake (`tollgate serve`) and N `tollgate worker`
// processes on a fresh database each, under the sustained recipe load.
// Prints the runs finished per second in the window and the steps that ran
// twice, counted from the journal (and the mails sent twice, from the outbox).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drainRuns, openReader, type BenchTarget } from './bench-database.ts';
import { runLoad, WEBHOOK_SECRET } from './run-load.ts';
import { applyFile, bannerUrl, startTollgate, type BenchProcess } from './server-process.ts';
import { RECIPE_FILE } from './sustained-bench.ts';

export interface WorkersFigures {
  workers: number;
  runsPerSecond: number;
  stepsRunTwice: number;
  mailsSentTwice: number;
  unfinished: number;
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
  const server = await startTollgate({ command: 'serve', dataDir: target.dataDir, databaseUrl: target.databaseUrl });
  const processes: BenchProcess[] = [server];
  const reader = openReader(target);
  try {
    const url = bannerUrl(server);
    const definitions = join(target.dataDir, 'bench-definitions.yaml');
    writeFileSync(definitions, `${readFileSync(RECIPE_FILE, 'utf8')}\n---\n${STRIPE_CONNECTOR}`);
    await applyFile(server, definitions, target.dataDir);
    for (let index = 0; index < options.workers; index += 1) {
      processes.push(await startTollgate({ command: 'worker', dataDir: target.dataDir, databaseUrl: target.databaseUrl }));
    }
    const load = await runLoad({ url: `${url}/webhooks/stripe/stripe`, seconds: options.seconds, concurrency: 64, prefix: `evt_workers_${options.workers}`, keepSent: true });
    await drainRuns(reader, options.drainSeconds);
    const windowStart = Math.min(...(load.sent ?? []).map(([, sentAt]) => sentAt));
    const windowEnd = windowStart + load.seconds * 1000;
    const [row] = await reader.rows<{ finished: number; unfinished: number; twice: number; mails: number }>(`SELECT
      (SELECT COUNT(*) FROM runs WHERE finished_at >= ${windowStart} AND finished_at <= ${windowEnd}) AS finished,
      (SELECT COUNT(*) FROM runs WHERE finished_at IS NULL) AS unfinished,
      (SELECT COUNT(*) FROM (SELECT run_id FROM step_attempts GROUP BY run_id, step_path, visit HAVING COUNT(*) > 1) AS repeated) AS twice,
      (SELECT COUNT(*) FROM (SELECT run_id FROM outbox GROUP BY run_id HAVING COUNT(*) > 1) AS repeated) AS mails`);
    return {
      workers: options.workers,
      runsPerSecond: Number(row?.finished ?? 0) / load.seconds,
      stepsRunTwice: Number(row?.twice ?? 0),
      mailsSentTwice: Number(row?.mails ?? 0),
      unfinished: Number(row?.unfinished ?? 0),
    };
  } finally {
    await reader.close();
    for (const running of processes.reverse()) await running.stop();
  }
}

