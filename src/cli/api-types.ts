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
  /** How the run started: `{type: 'event', event_id, event_type}`, `{type: 'form', request, ...}`, `{type: 'manual', by?}`, ... */
  trigger: { type: string; [key: string]: unknown };
  error: ErrorView | null;
  failed_step: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface StepView {
  step_path: string;
  step_id: string;
  step_type: string;
  visit: number;
  attempt: number;
  status: string;
  input: unknown;
  output: unknown;
  error: ErrorView | null;
  started_at: string;
  finished_at: string | null;
}

/** A top-level step visit on the run's path (the server's run-path.ts). */
export interface PathEntryView {
  step: string;
  type: string;
  title: string | null;
  visit: number;
  status: string;
  attempts: number;
  started_at: string;
  finished_at: string | null;
  branch: { taken: number | 'otherwise'; when: string | null; next: string | null } | null;
  decision: string | null;
  scopes: { total: number; succeeded: number; failed: number; open: number } | null;
}

/** What a run waits on now. */
export interface RunWaitView {
  step: string;
  kind: 'timer' | 'approval' | 'child_run';
  until: string | null;
  task: string | null;
  team: string | null;
  approvers: string[];
  child_run: string | null;
}

export interface RunDetailView {
  run: RunView;
  steps: StepView[];
  /** Absent from servers older than the run summary. */
  path?: PathEntryView[];
  waits?: RunWaitView[];
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

export interface VersionSummaryView {
  workflow: string;
  version: number;
  annotation: string | null;
  hash: string;
  created_at: string;
}

/** GET /api/v1/workflows/:id: the summary with the draft definition. */
export interface WorkflowDetailView extends WorkflowView {
  draft: unknown;
}

/** One run's outcome in POST /api/v1/runs/retry or /cancel. */
export type BulkRunOutcomeView =
  | { id: string; result: 'retried' | 'cancelled' | 'would_retry' | 'would_cancel'; workflow: string; status: RunStatus }
  | { id: string; result: 'skipped'; reason: string; message: string; workflow: string | null; status: RunStatus | null };

/** The answer of POST /api/v1/runs/retry or /cancel. */
export interface BulkRunView {
  bulk: string | null;
  action: 'retry' | 'cancel';
  preview: boolean;
  matched: number;
  done: number;
  skipped: number;
  skipped_by_reason: Record<string, number>;
  runs: BulkRunOutcomeView[];
}
