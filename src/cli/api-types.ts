/**
 * The shapes the CLI reads from the HTTP API (`/api/v1`), as the server's
 * serializers write them: snake_case fields, times as ISO strings.
 */
import type { RunStatus } from '../core/statuses.ts';

export interface ApiIssue {
  path: string;
  message: string;
  /** Definition issues carry the document (`Workflow refund`) and the file position. */
  document?: string;
  location?: string;
  /** Definition issues: `warning` for what may be intended (and refused nothing). */
  severity?: 'error' | 'warning';
}

export interface ApiErrorBody {
  error: { code: string; message: string; path?: string; issues?: ApiIssue[] };
}

export interface ErrorView {
  code?: string;
  message?: string;
  [key: string]: unknown;
}

export interface RunView {
  id: string;
  workflow: string;
  version: number;
  status: RunStatus;
  outcome: string | null;
  variables: Record<string, unknown>;
  error: ErrorView | null;
  failed_step: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface StepView {
  step_path: string;
  step_id: string;
  step_type: string;
  attempt: number;
  status: string;
  input: unknown;
  output: unknown;
  error: ErrorView | null;
  started_at: string;
  finished_at: string | null;
}

export interface RunDetailView {
  run: RunView;
  steps: StepView[];
}

export interface RunListView {
  runs: RunView[];
  next_cursor: string | null;
}

export interface ApplyResultView {
  kind: string;
  id: string;
  action: string;
  version?: number;
}

export interface WorkflowView {
  id: string;
  title: string;
  status: string;
  latest_version?: number;
  active_version?: number | null;
  trigger_type?: string | null;
  updated_at?: string;
}
