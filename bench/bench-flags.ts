// `npm run bench -- [--parked N] [--workers 1,2,4]` and the BENCH_* sizes, read and checked once.
import { parseArgs } from 'node:util';

export interface BenchSettings {
  /** P4: runs to park; undefined skips P4. */
  parked: number | undefined;
  /** P5: worker process counts; undefined skips P5. */
  workers: number[] | undefined;
  /** BENCH_SECONDS: the sustained window (default 30). */
  seconds: number;
  /** BENCH_C1_SECONDS: the concurrency-1 round for P2's p50 (default 5). */
  c1Seconds: number;
  /** BENCH_DRAIN_SECONDS: how long the backlog may take to finish after the load (default 120). */
  drainSeconds: number;
}

export function readBenchSettings(argv: readonly string[], env: NodeJS.ProcessEnv): BenchSettings {
  const { values } = parseArgs({ args: [...argv], options: { parked: { type: 'string' }, workers: { type: 'string' } }, strict: true });
  return {
    parked: values.parked === undefined ? undefined : positiveInteger(values.parked, '--parked (runs to park, e.g. 1000000)'),
    workers: values.workers === undefined ? undefined : values.workers.split(',').map((count) => positiveInteger(count.trim(), '--workers (worker process counts, e.g. 1,2,4)')),
    seconds: positiveInteger(env.BENCH_SECONDS ?? '30', 'BENCH_SECONDS'),
    c1Seconds: positiveInteger(env.BENCH_C1_SECONDS ?? '5', 'BENCH_C1_SECONDS'),
    drainSeconds: positiveInteger(env.BENCH_DRAIN_SECONDS ?? '120', 'BENCH_DRAIN_SECONDS'),
  };
}

function positiveInteger(text: string, where: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${where}: "${text}" is not a whole number of at least 1`);
  return value;
}
