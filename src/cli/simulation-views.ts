/** What the preview and backtest API answer, as the CLI reads it (see src/server/simulation-schemas.ts). */
import { formatTable } from './output.ts';

export interface EffectView {
  operation: string;
  label: string;
  count: number;
  money: { currency: string; amount: number }[];
  unknown_amounts: number;
}

export interface SimulatedStepView {
  path: string;
  step: string;
  type: string;
  uses: string | null;
  status: string;
  input: unknown;
  output: unknown;
  effect: string;
  money: { amount: number | null; currency: string | null } | null;
  email: { to: string[]; cc: string[]; subject: string; text: string } | null;
  error: { code: string; message: string } | null;
}

export interface PreviewView {
  event: { id: string | null; type: string; sample: boolean } | null;
  matched: boolean;
  run: { status: string; outcome: string | null; error: { code: string; message: string; step: string | null } | null; path: string[]; steps: SimulatedStepView[]; effects: EffectView[] } | null;
}

export interface BacktestView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  workflow: string;
  event_type: string;
  progress: { done: number; total: number };
  report: { events: number; runs: number; outcomes: { status: string; outcome: string | null; count: number }[]; effects: EffectView[]; summary: string } | null;
  error: { code: string; message: string } | null;
}

/** The outcomes of a backtest as a table. */
export function outcomesTable(outcomes: NonNullable<BacktestView['report']>['outcomes']): string {
  return formatTable(['status', 'outcome', 'runs'], outcomes.map((outcome) => [outcome.status, outcome.outcome ?? '-', String(outcome.count)]));
}

/** A bar for a terminal: `[#########-----------] 450/1000 events`. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} events`;
}
