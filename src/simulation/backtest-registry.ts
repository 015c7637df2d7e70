/**
 * The backtests of this server process, in memory: each runs in the
 * background and keeps its per-run rows for the drill-down list. The last
 * MAX_KEPT are kept; older finished ones are forgotten.
 */
import type { AppContext } from '../application/app-context.ts';
import { InvalidInputError, NotFoundError, TollgateError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { BacktestWindow } from './backtest-window.ts';
import { planBacktest, runBacktest, type BacktestInput, type BacktestReport, type BacktestRun } from './run-backtest.ts';
import type { SimulatedRunStatus } from './simulated-run.ts';

export const MAX_KEPT_BACKTESTS = 20;

export const BacktestStatus = { running: 'running', completed: 'completed', failed: 'failed' } as const;
export type BacktestStatus = (typeof BacktestStatus)[keyof typeof BacktestStatus];

export interface Backtest {
  id: string;
  status: BacktestStatus;
  workflow: string;
  eventType: string;
  window: BacktestWindow;
  progress: { done: number; total: number };
  createdAt: Date;
  finishedAt: Date | null;
  report: BacktestReport | null;
  error: { code: string; message: string } | null;
}

interface Entry {
  backtest: Backtest;
  runs: BacktestRun[];
  finished: Promise<void>;
}

export class BacktestRegistry {
  readonly #app: AppContext;
  readonly #entries = new Map<string, Entry>();

  constructor(app: AppContext) {
    this.#app = app;
  }

  /**
   * Checks the draft and the window, then runs the backtest in the background.
   * @throws InvalidInputError `definition_invalid`, `backtest_trigger_invalid`, `request_invalid`.
   */
  async start(input: BacktestInput): Promise<Backtest> {
    const plan = await planBacktest(this.#app, input);
    const now = this.#app.engine.clock.now();
    const backtest: Backtest = {
      id: newId('bt', now),
      status: BacktestStatus.running,
      workflow: plan.definition.id,
      eventType: plan.eventType,
      window: plan.window,
      progress: { done: 0, total: plan.total },
      createdAt: now,
      finishedAt: null,
      report: null,
      error: null,
    };
    const runs: BacktestRun[] = [];
    const finished = runBacktest(this.#app, plan, {
      onBatch(done, batch) {
        backtest.progress.done = done;
        runs.push(...batch);
      },
    }).then(
      (report) => {
        backtest.report = report;
        backtest.status = BacktestStatus.completed;
        backtest.finishedAt = this.#app.engine.clock.now();
      },
      (error: unknown) => {
        const failure = error instanceof TollgateError ? error : new TollgateError('backtest_failed', `the backtest stopped: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        backtest.error = { code: failure.code, message: failure.message };
        backtest.status = BacktestStatus.failed;
        backtest.finishedAt = this.#app.engine.clock.now();
        this.#app.engine.logger.error({ err: error, backtest: backtest.id }, 'backtest failed');
      },
    );
    this.#entries.set(backtest.id, { backtest, runs, finished });
    this.#forgetOld();
    return backtest;
  }

  /** @throws NotFoundError `backtest_not_found` */
  get(id: string): Backtest {
    return this.#entry(id).backtest;
  }

  /** Resolves when the backtest has ended (tests, the bench). */
  async finished(id: string): Promise<Backtest> {
    const entry = this.#entry(id);
    await entry.finished;
    return entry.backtest;
  }

  /**
   * The would-be runs found so far, in the order they were replayed (newest event first).
   * @throws NotFoundError `backtest_not_found`; InvalidInputError `request_invalid` for a cursor this API did not give.
   */
  runs(id: string, filter: { limit: number; cursor?: string; status?: SimulatedRunStatus }): { runs: BacktestRun[]; nextCursor: string | null } {
    const entry = this.#entry(id);
    const start = filter.cursor === undefined ? 0 : Number(filter.cursor);
    if (!Number.isInteger(start) || start < 0) {
      throw new InvalidInputError('request_invalid', `cursor "${filter.cursor}" is not one this API gave; pass the next_cursor of the previous page`, [], { path: 'cursor' });
    }
    const page: BacktestRun[] = [];
    let index = start;
    for (; index < entry.runs.length && page.length < filter.limit; index += 1) {
      const run = entry.runs[index];
      if (run !== undefined && (filter.status === undefined || run.status === filter.status)) page.push(run);
    }
    return { runs: page, nextCursor: index < entry.runs.length ? String(index) : null };
  }

  #entry(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new NotFoundError('backtest_not_found', `no backtest "${id}" in this server; backtests are kept in memory (the last ${MAX_KEPT_BACKTESTS}) until the server restarts. Start one with POST /api/v1/backtests`, { path: 'id' });
    return entry;
  }

  #forgetOld(): void {
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= MAX_KEPT_BACKTESTS) return;
      if (entry.backtest.status !== BacktestStatus.running) this.#entries.delete(id);
    }
  }
}
