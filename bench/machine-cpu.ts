// Where the machine's CPU went over a window: how busy all cores were, and
// how much of it PostgreSQL's processes took. P5 prints both, so a reader
// sees whether adding workers could help: on a machine already busy with the
// intake, the workers, the database and the load generator, it cannot.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TICKS_PER_SECOND = 100;

export interface MachineCpu {
  /** Busy time of all cores over the window, as a fraction of what they had (0..1). */
  busy: number;
  /** CPU ms PostgreSQL's processes spent in the window. */
  postgresCpuMs: number;
}

interface Reading {
  busyTicks: number;
  totalTicks: number;
  postgresTicks: number;
}

/** Starts a window; `stop()` ends it and says what the machine did in it. */
export function measureMachineCpu(): { stop(): MachineCpu } {
  const start = read();
  return {
    stop() {
      const end = read();
      const total = end.totalTicks - start.totalTicks;
      return { busy: total > 0 ? (end.busyTicks - start.busyTicks) / total : Number.NaN, postgresCpuMs: ((end.postgresTicks - start.postgresTicks) * 1000) / TICKS_PER_SECOND };
    },
  };
}

/** The number of cores, for the table's heading. */
export const CORES = availableParallelism();

function read(): Reading {
  // The first line of /proc/stat: user nice system idle iowait irq softirq steal ...
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const totalTicks = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idleTicks = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busyTicks: totalTicks - idleTicks, totalTicks, postgresTicks: postgresTicks() };
}

/** CPU ticks of every live process named postgres (a process that ended in the window takes its ticks with it). */
function postgresTicks(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return sum;
}
