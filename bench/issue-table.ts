// The table issue 13 asks of `npm run bench`: P1–P6 and statements per run on
// both dialects, beside the floor measured in the same run, and the targets.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, type BenchTarget, type Dialect } from './bench-database.ts';
import type { BenchSettings } from './bench-flags.ts';
import { printTable, type Row } from './bench-support.ts';
import { floorBench, type FloorFigures } from './floor-bench.ts';
import { CORES } from './machine-cpu.ts';
import { parkedBench, type ParkedFigures } from './parked-bench.ts';
import { sustainedBench, type SustainedFigures } from './sustained-bench.ts';
import { workersBench, type WorkersFigures } from './workers-bench.ts';

const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];
/** A queue that gains at least this many items over the window, at a rate of at least this share of the acknowledgements, is growing, not jittering. */
const GROWTH_ITEMS = 32;
const GROWTH_SHARE = 0.02;

/** Runs `bench` in a fresh place: its own directory (removed after), and on PostgreSQL its own database. */
async function onNewTarget<T>(dialect: Dialect, postgresUrl: string, name: string, bench: (target: BenchTarget) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `tollgate-bench-${name}-`));
  try {
    const databaseUrl = dialect === 'postgres' ? await createPostgresDatabase(postgresUrl, `bench_${name}_${Date.now()}`) : undefined;
    return await bench({ dialect, dataDir, sqliteFile: join(dataDir, 'tollgate.db'), databaseUrl });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs what `settings` asks for and prints the issue's table (and the P5 and P6 tables). */
export async function issueTable(settings: BenchSettings, postgresUrl: string): Promise<void> {
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const focused = settings.parked !== undefined || settings.workers !== undefined;
  const rows: Row[] = [];
  if (!focused) {
    const sustained = new Map<Dialect, SustainedFigures>();
    const floor = new Map<Dialect, FloorFigures>();
    for (const dialect of DIALECTS) {
      const { seconds, c1Seconds, drainSeconds } = settings;
      sustained.set(dialect, await onNewTarget(dialect, postgresUrl, `${dialect}_tollgate`, (target) => sustainedBench({ target, seconds, c1Seconds, drainSeconds })));
      floor.set(dialect, await onNewTarget(dialect, postgresUrl, `${dialect}_floor`, (target) => floorBench({ target, seconds })));
    }
    rows.push(...loadRows(sustained, floor, settings.seconds));
  }
  if (settings.parked !== undefined) {
    const parked = new Map<Dialect, ParkedFigures>();
    const runs = settings.parked;
    for (const dialect of DIALECTS) parked.set(dialect, await onNewTarget(dialect, postgresUrl, `${dialect}_parked`, (target) => parkedBench({ target, runs })));
    rows.push(...parkedRows(parked, settings.parked));
  } else {
    rows.push(notRun('P4 1,000,000 runs parked on approvals and timers', 'npm run bench -- --parked 1000000'));
  }
  const workers: WorkersFigures[] = [];
  if (settings.workers !== undefined) {
    const { seconds, drainSeconds } = settings;
    for (const count of settings.workers) workers.push(await onNewTarget('postgres', postgresUrl, `workers${count}`, (target) => workersBench({ target, workers: count, seconds, drainSeconds })));
    rows.push({
      figure: 'P5 PostgreSQL runs/s by worker processes (steps run twice)',
      SQLite: '-',
      PostgreSQL: workers.map((figures) => `${figures.workers}: ${number(figures.runsPerSecond)} (${figures.stepsRunTwice})`).join(', '),
      target: 'rises until the database saturates; 0 run twice',
    });
  } else {
    rows.push(notRun('P5 PostgreSQL, 1 -> 2 -> 4 worker processes', 'npm run bench -- --workers 1,2,4'));
  }
  const cli = focused ? undefined : await cliRows();
  rows.push(
    cli === undefined
      ? { figure: 'P6 CLI CPU: tollgate --version / runs list', SQLite: focused ? 'not run with --parked/--workers' : 'not measured: bench/cli-bench.ts is not there', PostgreSQL: '-', target: '≤ 150 ms / ≤ 300 ms' }
      : { figure: 'P6 CLI CPU: tollgate --version / runs list', SQLite: 'the CLI table below', PostgreSQL: '-', target: '≤ 150 ms / ≤ 300 ms' },
  );
  rows.push({ figure: 'machine load average (1 min) at start / end, cores', SQLite: `${loadAtStart.toFixed(1)} / ${(loadavg()[0] ?? Number.NaN).toFixed(1)}, ${availableParallelism()}`, PostgreSQL: '-', target: '-' });
  printTable(`Issue 13: recipe (signed payment_intent.succeeded -> personalize-orders -> mail in the outbox), load from another process at c=64 for ${settings.seconds} s`, rows);
  if (workers.length > 0) printTable('P5: one intake (tollgate serve) + N tollgate worker processes, PostgreSQL', workers.map(workersRow));
  if (cli !== undefined) printTable('P6: CLI CPU time', cli);
}

function loadRows(sustained: Map<Dialect, SustainedFigures>, floor: Map<Dialect, FloorFigures>, seconds: number): Row[] {
  const each = (figure: string, value: (tollgate: SustainedFigures, floor: FloorFigures) => string, target: string): Row => {
    const cell = (dialect: Dialect) => {
      const tollgate = sustained.get(dialect);
      const floored = floor.get(dialect);
      return tollgate === undefined || floored === undefined ? '-' : value(tollgate, floored);
    };
    return { figure, SQLite: cell('sqlite'), PostgreSQL: cell('postgres'), target };
  };
  return [
    each(`P1 recipe runs/s, c=64, ${seconds} s sustained`, (tollgate) => number(tollgate.runsPerSecond), '≥ 4,000 (SQLite) / ≥ 2,000 (PostgreSQL)'),
    each('floor runs/s (HTTP parse + signature + group commit, no engine)', (_tollgate, floored) => number(floored.runsPerSecond), '-'),
    each('P1 / floor', (tollgate, floored) => (tollgate.runsPerSecond / floored.runsPerSecond).toFixed(3), '≥ 0.25 (SQLite)'),
    each('CPU ms per run: Tollgate / floor (server process only)', (tollgate, floored) => `${tollgate.cpuMsPerRun.toFixed(2)} / ${floored.cpuMsPerRun.toFixed(2)}`, '-'),
    each('acknowledgements/s (503/429 retried)', (tollgate) => `${number(tollgate.acksPerSecond)} (${tollgate.deferred})`, '-'),
    each('P2 event -> complete, c=1, p50 ms', (tollgate) => number(tollgate.completeP50c1Ms), '≤ 3'),
    each('P2 event -> complete, c=64 sustained, p99 ms', (tollgate) => `${number(tollgate.completeP99Ms)}${tollgate.unfinished > 0 ? ` (${tollgate.unfinished} unfinished)` : ''}`, '≤ 50'),
    each('floor event -> stored (its complete), c=64, p99 ms', (_tollgate, floored) => number(floored.ackP99Ms), "context: the host's part in P2's tail"),
    each('queue at the end of the window: due work items, oldest due', (tollgate) => `${tollgate.queue.last?.due ?? '-'}, ${number(tollgate.queue.last?.oldestDueMs ?? Number.NaN)} ms`, '-'),
    each('queue over the window (sampled every second)', (tollgate) => trend(tollgate), 'never grows without bound'),
    each(`P3 peak RSS of the server process, MB (TOLLGATE_MEMORY=${process.env.TOLLGATE_MEMORY ?? 'lean'})`, (tollgate) => number(tollgate.peakRssMb), '≤ 150'),
    each('statements per run (PostgreSQL: round trips)', (tollgate) => (tollgate.statementsPerRun === undefined ? 'not counted' : tollgate.statementsPerRun.toFixed(1)), '≤ 6'),
  ];
}

function parkedRows(parked: Map<Dialect, ParkedFigures>, runs: number): Row[] {
  const each = (figure: string, value: (figures: ParkedFigures) => string, target: string): Row => {
    const cell = (dialect: Dialect) => {
      const figures = parked.get(dialect);
      return figures === undefined ? '-' : value(figures);
    };
    return { figure, SQLite: cell('sqlite'), PostgreSQL: cell('postgres'), target };
  };
  return [
    each(`P4 ${number(runs)} runs parked: server peak RSS MB`, (figures) => number(figures.peakRssMb), '≤ 250'),
    each('P4 approvals inbox (GET /api/v1/approvals as an approver, once the restarted server is idle, after 5 warm-up requests), p50 / max ms', (figures) => `${number(figures.inboxP50Ms)} / ${number(figures.inboxMaxMs)}`, '≤ 20'),
    each(
      "P4 during those requests: ms the server's main thread waited for a CPU; cores busy",
      (figures) => `${number(figures.inboxCpuWaitMs)} ms; ${Math.round(figures.inboxMachineBusy * 100)} %`,
      "context: the host's part in the max",
    ),
    each('P4 GET /metrics (a Prometheus scrape: it counts running and waiting runs), p50 / max ms', (figures) => `${number(figures.metricsP50Ms)} / ${number(figures.metricsMaxMs)}`, '-'),
    each(
      'P4 timer lateness (up to 2,000 timers coming due over 20 s), p50 / p99 ms (fired of due)',
      (figures) => `${number(figures.timerLatenessP50Ms)} / ${number(figures.timerLatenessP99Ms)} (${figures.timersFired} of ${figures.timersDue})`,
      'p99 ≤ 1,000',
    ),
  ];
}

function trend(figures: SustainedFigures): string {
  const slope = figures.queue.slopePerSecond;
  const grows = slope * figures.windowSeconds >= GROWTH_ITEMS && slope >= GROWTH_SHARE * figures.acksPerSecond;
  return `${slope >= 0 ? '+' : ''}${slope.toFixed(1)} items/s: ${grows ? 'grows' : 'steady'}`;
}

function notRun(figure: string, command: string): Row {
  return { figure, SQLite: `not run: ${command}`, PostgreSQL: '-', target: '-' };
}

function number(value: number): string {
  if (!Number.isFinite(value)) return value === Number.POSITIVE_INFINITY ? 'never' : '-';
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 1 : 0 });
}

/** P6 from bench/cli-bench.ts (the lean-runtime part), when that file is there. */
async function cliRows(): Promise<Row[] | undefined> {
  const module = './cli-bench.ts';
  if (!existsSync(new URL(module, import.meta.url))) return undefined;
  const loaded = (await import(module)) as { cliRows?: () => Promise<Row[]> };
  return loaded.cliRows?.();
}

function workersRow(figures: WorkersFigures): Row {
  const pair = (pair: { intake: number; workers: number | undefined }) => `${pair.intake.toFixed(2)} / ${(pair.workers ?? Number.NaN).toFixed(2)}`;
  return {
    workers: figures.workers,
    'runs/s': number(figures.runsPerSecond),
    'steps twice': figures.stepsRunTwice,
    'mails twice': figures.mailsSentTwice,
    unfinished: figures.unfinished,
    'CPU ms per run: intake / workers': pair(figures.cpuMsPerRun),
    'round trips per run: intake / workers': pair(figures.roundTripsPerRun),
    'PostgreSQL CPU ms per run': figures.machine.postgresCpuMsPerRun.toFixed(2),
    [`machine CPU busy (${CORES} cores)`]: `${(figures.machine.busy * 100).toFixed(0)} %`,
  };
}
