/**
 * The preview and backtest API's answers (issue 10, contract section 2). Kept here until the
 * server's zod schemas exist; then `web/src/api/types.ts` can infer them like the others.
 */

/** One kind of side effect a run would have, counted: "would refund" 3 times, 36.00 USD. */
export interface Effect {
  operation: string;
  /** e.g. `would refund`, `would email`. */
  label: string;
  count: number;
  money: { currency: string; amount: number }[];
  /** Money-moving calls whose amount could not be told. */
  unknown_amounts: number;
}

export type PreviewStepStatus = 'succeeded' | 'failed' | 'waiting';
export type PreviewRunStatus = 'completed' | 'failed' | 'waiting' | 'cancelled';

export interface PreviewStep {
  /** Journal path, e.g. `refund`, `each/0/charge`. */
  path: string;
  /** Graph node id (a foreach index replaced by `*`). */
  node: string;
  step: string;
  type: string;
  uses: string | null;
  status: PreviewStepStatus;
  input: unknown;
  output: unknown;
  effect: 'none' | 'simulated' | 'live_read' | 'sandbox';
  money: { amount: number | null; currency: string | null } | null;
  email: { to: string[]; cc: string[]; subject: string; text: string } | null;
  error: { code: string; message: string } | null;
}

export interface PreviewRun {
  status: PreviewRunStatus;
  outcome: string | null;
  error: { code: string; message: string; step: string | null } | null;
  path: string[];
  steps: PreviewStep[];
  effects: Effect[];
}

export interface Preview {
  event: { id: string | null; type: string; sample: boolean; object: Record<string, unknown> } | null;
  matched: boolean;
  run: PreviewRun | null;
}

export type Approval = 'approve' | 'reject';

export interface PreviewRequest {
  definition: Record<string, unknown>;
  event?: Record<string, unknown>;
  event_id?: string;
  input?: Record<string, unknown>;
  live_reads?: boolean;
  approval?: Approval;
  effects?: 'simulated' | 'sandbox';
}

export interface BacktestWindow {
  since: string | null;
  until: string | null;
  last: number | null;
}

export interface BacktestOutcome {
  status: string;
  outcome: string | null;
  count: number;
}

export interface Backtest {
  id: string;
  status: 'running' | 'completed' | 'failed';
  workflow: string;
  event_type: string;
  window: BacktestWindow;
  progress: { done: number; total: number };
  created_at: string;
  finished_at: string | null;
  report: { events: number; runs: number; outcomes: BacktestOutcome[]; effects: Effect[]; summary: string } | null;
  error: { code: string; message: string } | null;
}

export interface BacktestRequest {
  definition: Record<string, unknown>;
  since?: string;
  until?: string;
  last?: number;
  live_reads?: boolean;
  approval?: Approval;
}

export interface BacktestRun {
  event_id: string;
  event_type: string;
  event_created: string | number;
  status: string;
  outcome: string | null;
  path: string[];
  effects: Effect[];
  error: { code: string; message: string } | null;
}

export interface BacktestRunPage {
  runs: BacktestRun[];
  next_cursor: string | null;
}
