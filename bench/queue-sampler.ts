// Samples the work queue once a second while a load runs: how many work items
// are due (the backlog the worker has not taken yet, and what it runs now)
// and how long the oldest has been due.
import type { BenchReader } from './bench-database.ts';

export interface QueueSample {
  at: number;
  due: number;
  oldestDueMs: number;
}

export interface QueueTrend {
  last: QueueSample | undefined;
  /** Least-squares slope of `due` over the samples, in items per second. */
  slopePerSecond: number;
}

export function sampleQueue(reader: BenchReader): { stop(): Promise<QueueSample[]> } {
  const samples: QueueSample[] = [];
  let pending: Promise<void> = Promise.resolve();
  const take = async () => {
    const now = Date.now();
    const [row] = await reader.rows<{ due: number; oldest: number | null }>(`SELECT COUNT(*) AS due, MIN(due_at) AS oldest FROM work_items WHERE due_at <= ${now}`);
    samples.push({ at: now, due: Number(row?.due ?? 0), oldestDueMs: row?.oldest === null || row?.oldest === undefined ? 0 : now - Number(row.oldest) });
  };
  const timer = setInterval(() => {
    pending = pending.then(take);
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      return samples;
    },
  };
}

export function queueTrend(samples: readonly QueueSample[]): QueueTrend {
  const n = samples.length;
  const first = samples[0];
  if (n < 2 || first === undefined) return { last: samples.at(-1), slopePerSecond: 0 };
  const xs = samples.map((sample) => (sample.at - first.at) / 1000);
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = samples.reduce((sum, sample) => sum + sample.due, 0) / n;
  let covariance = 0;
  let variance = 0;
  samples.forEach((sample, index) => {
    const dx = (xs[index] ?? 0) - meanX;
    covariance += dx * (sample.due - meanY);
    variance += dx * dx;
  });
  return { last: samples.at(-1), slopePerSecond: variance === 0 ? 0 : covariance / variance };
}
