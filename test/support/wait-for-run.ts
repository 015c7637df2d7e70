import { isFinal, type RunStatus } from '../../src/core/statuses.ts';
import type { RunRecord } from '../../src/store/records.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Polls until the run ends (or reaches `untilStatus`), and returns it; fails
 * after `timeoutMs`, a deadline for a hung run, not a bound on how fast a
 * (possibly loaded) machine runs it.
 */
export async function waitForRun(store: Store, id: string, options: { untilStatus?: RunStatus; timeoutMs?: number } = {}): Promise<RunRecord> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await store.getRun(id);
    if (!run) throw new Error(`no run ${id}`);
    if (options.untilStatus ? run.status === options.untilStatus : isFinal(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
