/** What the store hands out: plain records, JSON already decoded, times as Dates. */
import type { AttemptStatus, FinalRunStatus, RunStatus, WorkflowStatus } from '../core/statuses.ts';
import type { ErrorRecord } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';

export interface WorkflowRecord {
  id: string;
  title: string;
  status: WorkflowStatus;
  draft: unknown;
  draftHash: string | null;
  latestVersion: number;
  activeVersion: number | null;
  triggerType: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRecord {
  workflowId: string;
  version: number;
  definition: unknown;
  hash: string;
  annotation: string | null;
  createdAt: Date;
}

/** How a run was started: which trigger, and its detail (event id, schedule tick, caller). */
export interface RunTrigger {
  type: string;
  [key: string]: unknown;
}

export interface RunRecord {
  id: string;
  workflowId: string;
  version: number;
  status: RunStatus;
  outcome: string | null;
  variables: Variables;
  trigger: RunTrigger;
  error: ErrorRecord | null;
  failedStep: string | null;
  retryGeneration: number;
  parentRunId: string | null;
  parentStepPath: string | null;
  requestId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface AttemptRecord {
  runId: string;
  stepPath: string;
  /** 1 the first time the run reaches the step, 2 when a loop brings it back, ... */
  visit: number;
  attempt: number;
  stepId: string;
  stepType: string;
  status: AttemptStatus;
  input: unknown;
  output: unknown;
  error: ErrorRecord | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface NewRun {
  id: string;
  workflowId: string;
  version: number;
  variables: Variables;
  trigger: RunTrigger;
  /** Path of the first step to run. */
  firstStep: string;
  parentRunId?: string;
  parentStepPath?: string;
  requestId?: string;
  createdAt: Date;
}

/** A claimed work item, with the run it belongs to. */
export interface ClaimedWork {
  itemId: string;
  stepPath: string;
  visit: number;
  attempt: number;
  resume: unknown;
  /** Times a lease of this item ran out without a commit (a worker crashed in the step) since the step last moved on. */
  leaseExpiries: number;
  run: RunRecord;
}

/** A foreach iteration or parallel branch about to start: its index and the variables it begins with. */
export interface NewScope {
  index: number;
  variables: Variables;
}

/** A parallel or foreach step's visit: how many branches or iterations it opened, and how many have ended. */
export interface ContainerRecord {
  visit: number;
  scopes: number;
  ended: number;
}

/** A branch or iteration as its container sees it: ended (in which order, with what output) or not yet. */
export interface ScopeEndRecord {
  index: number;
  /** 1 for the first to end, 2 for the next...; null while it runs. */
  endOrder: number | null;
  output: unknown;
}

/** Everything one finished step attempt changes, applied in one transaction. */
export interface StepCommit {
  itemId: string;
  owner: string;
  runId: string;
  /** The journal row; absent when a late wake-up is dropped. */
  attempt?: Omit<AttemptRecord, 'runId'>;
  /** The scope the step ran in (`loop/3/`, `loop/3/inner/0/`); absent at the top level. */
  scope?: string;
  /** Variables to set: the run's at the top level, else those of `scope` only. */
  assign?: Variables;
  /**
   * A parallel or foreach step begins a visit: each of its branches or
   * iterations gets a fresh scope (a loop back to the step starts them anew),
   * and its count of ended scopes starts again at 0.
   */
  openScopes?: { ownerPath: string; visit: number; scopes: NewScope[] };
  /** Run the same step again later (a retry, or a timer still running). */
  reschedule?: { dueAt: Date; attempt: number; resume?: unknown };
  /** Steps that become runnable now, each as a new visit. */
  enqueue?: { stepPath: string; dueAt: Date; resume?: unknown }[];
  /**
   * A nested step list (a parallel branch, a foreach iteration) ended: record
   * its end in the journal (a row at the scope's path) and wake the step that owns it.
   */
  scopeEnd?: { scope: string; ownerPath: string; output: unknown };
  /** Drop the queued work of every step under this path prefix (the other branches of a `join: any`). */
  cancelScope?: string;
  /**
   * Lease the first step enqueued (when due now) to this same worker for this
   * long, and hand it back: the worker runs it next without a separate claim.
   */
  chainLeaseMs?: number;
  /** The run ends. */
  finish?: { status: FinalRunStatus; outcome?: string | null; error?: ErrorRecord | null; failedStep?: string | null };
  /** The run's status while it goes on (`waiting` while parked on a timer or approval). */
  runStatus?: Extract<RunStatus, 'running' | 'waiting'>;
}

export type CommitResult = 'applied' | 'lease_lost' | 'run_not_active';

/** What a commit did, and the next step it leased to the same worker, if any. */
export interface CommitOutcome {
  result: CommitResult;
  chained?: ClaimedWork;
}

export interface RunFilter {
  workflowId?: string;
  status?: RunStatus;
  createdAfter?: Date;
  createdBefore?: Date;
  /** Runs that ended (succeeded, failed or were cancelled) at or after this time. */
  finishedAfter?: Date;
  /** Runs started by this Stripe event (its id, `evt_...`). */
  eventId?: string;
  /** The run of this catalog request. */
  requestId?: string;
  /** Return runs created before this run id (ids sort by creation). */
  cursor?: string;
  /** Only the runs this person (an email) may read without reading all runs: see run-visibility.ts. */
  visibleTo?: string;
  limit: number;
}

export interface ConnectorRecord {
  id: string;
  type: string;
  title: string | null;
  config: Record<string, unknown>;
}

export interface TeamRecord {
  id: string;
  title: string;
  members: { email: string; name: string | null }[];
}

export interface ServiceRecord {
  id: string;
  title: string;
  description: string | null;
  offerings: unknown[];
}

export interface ScheduleRecord {
  workflowId: string;
  version: number;
  cron: string;
  timezone: string;
  catchUp: boolean;
  nextAt: Date;
}
