/** What the store hands out: plain records, JSON already decoded, times as Dates. */
import type { AttemptStatus, FinalRunStatus, RunStatus, WorkflowStatus } from '../core/statuses.ts';
import type { ErrorRecord } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import type { WorkflowDocument } from '../definition/schema.ts';
import type { MoneyCall } from './money-call.ts';
import type { StepWrite } from './step-write.ts';
import type { MajorMoney } from './approval-records.ts';

export interface WorkflowRecord {
  id: string;
  title: string;
  status: WorkflowStatus;
  /** Read through definition/stored-definition.ts: upgraded to the current format and valid. */
  draft: WorkflowDocument | null;
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
  /** Read through definition/stored-definition.ts: upgraded to the current format and valid. */
  definition: WorkflowDocument;
  hash: string;
  annotation: string | null;
  createdAt: Date;
  /** Who published it (an email); null for a system or local publish with no user. */
  publishedBy: string | null;
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
  /** Insert the first step's work item already leased (to the local worker, which runs it after the commit without a claim). */
  lease?: WorkLease;
  /** The first step's work item id, when its step ran before the run was written (run-handoff.ts); default a new one. */
  firstItemId?: string;
}

/** A work item's lease: who holds it, and until when (then any worker may claim it). */
export interface WorkLease {
  owner: string;
  until: Date;
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

/** What one look at the queue found: the items it leased, and, when none was claimable, when the next becomes so. */
export interface Claim {
  work: ClaimedWork[];
  /**
   * Set only when nothing was claimable: when the next item becomes claimable, or null for an empty queue.
   * Unset when claimable items were there, whether or not this worker won them.
   */
  nextDueAt?: Date | null;
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

/**
 * A step attempt as a commit writes it to the journal; `money`: the money-moving call it made, for the audit trail (not journalled);
 * `writes`: rows its operation asked for, written in the same commit.
 */
export type JournalAttempt = Omit<AttemptRecord, 'runId'> & { money?: MoneyCall; writes?: StepWrite[] };

/**
 * A step with no side effect and no wait (a decision, a set, an end) that ran in the commit of the step
 * before it: its journal row, written after that step's at the next visit of its path (the commit counts
 * the visit, as it does for a step it enqueues). Its first attempt, with no money call and no writes.
 */
export type InlinedAttempt = Omit<JournalAttempt, 'visit' | 'attempt' | 'money' | 'writes'>;

/** Where a step's variables go: the run's own, or those of one foreach iteration or parallel branch (`loop/3/`). */
export type VariablesTarget = { kind: 'run' } | { kind: 'scope'; scope: string };

/** Where a step that is done goes: a next step, or the end of the step list (scope) it runs in. (The end of the run is a `finished` commit.) */
export type Destination =
  /** A new visit of the next step, runnable now. */
  | { kind: 'step'; stepPath: string }
  /**
   * The step list of a parallel branch or foreach iteration ended: its end is
   * recorded in the journal (a row at the scope's path) and wakes the step that owns it.
   */
  | { kind: 'scope_end'; scope: string; ownerPath: string; output: unknown };

/** How a run ended. */
export interface RunEnd {
  status: FinalRunStatus;
  outcome: string | null;
  error: ErrorRecord | null;
  failedStep: string | null;
}

/** The scopes a parallel or foreach step opens when it begins a visit (a loop back to the step starts them anew). */
export interface OpenedScopes {
  ownerPath: string;
  visit: number;
  scopes: NewScope[];
}

interface CommitBase {
  itemId: string;
  /** The worker that holds the lease of the work item. */
  owner: string;
  runId: string;
}

/**
 * Lease the first step this commit makes runnable (when due now) to the same
 * worker for this long, and hand it back: the worker runs it next without a
 * separate claim. Set by the worker, only on kinds that enqueue steps.
 */
interface ChainsLease {
  chainLeaseMs?: number;
}

/**
 * The steps that ran in the same commit after `attempt`, in order (engine/inline-steps.ts). The commit's
 * variables, destination and end are those after the last of them.
 */
interface InlinesSteps {
  inlined?: readonly InlinedAttempt[];
}

/** Everything one finished step attempt changes, applied in one transaction: what happened, with only what that needs. */
export type StepCommit =
  /** The step is done: set its variables, drop the queued work under `cancelScope` (the other branches of a `join: any`), go on. */
  | (CommitBase & ChainsLease & InlinesSteps & { kind: 'moved_on'; attempt: JournalAttempt; assign: { target: VariablesTarget; values: Variables }; cancelScope: string | null; destination: Destination })
  /** The run ended (an end step, the end of its top-level steps, a failure). `assign` sets the run's variables as it ends. */
  | (CommitBase & InlinesSteps & { kind: 'finished'; attempt: JournalAttempt; assign: Variables; end: RunEnd })
  /** A timer: the same attempt runs again at `until`, resumed with `resume`; the run waits. */
  | (CommitBase & { kind: 'slept'; attempt: JournalAttempt; until: Date; resume: unknown })
  /** The step starts nested steps (new visits, due at `dueAt`), opening its scopes on a visit's first fork, and waits for them. */
  | (CommitBase & ChainsLease & { kind: 'forked'; attempt: JournalAttempt; opened: OpenedScopes | null; steps: string[]; dueAt: Date })
  /** The step waits for something outside (an approval, a child run, a branch end) to wake it; the run waits. */
  | (CommitBase & { kind: 'parked'; attempt: JournalAttempt })
  /** A transient failure: the next attempt runs at `retryAt`. */
  | (CommitBase & { kind: 'retrying'; attempt: JournalAttempt; retryAt: Date })
  /** The store failed under the step: no journal row, the same attempt runs again at `retryAt`. */
  | (CommitBase & { kind: 'outage'; retryAt: Date })
  /** Nothing to do: a late wake-up of a step that already went on, or the run already ended. */
  | (CommitBase & { kind: 'dropped' });

export type CommitResult = 'applied' | 'lease_lost' | 'run_not_active';

/**
 * What a commit did, and (when applied) the next step it leased to the same worker, if any;
 * `wokeParent`: the run ended and its parent's waiting step is runnable now.
 */
export type CommitOutcome = { result: 'applied'; chained?: ClaimedWork; wokeParent?: boolean } | { result: Exclude<CommitResult, 'applied'> };

/** Step commits a write applied with what it created, and what came of each (for the worker's `onCommitted`). */
export interface CommittedSteps {
  commits: readonly StepCommit[];
  results: readonly CommitResult[];
}

/**
 * What a write that created runs left to run, and what it committed: the first
 * steps it inserted leased (`NewRun.lease`) and the next steps the committed
 * ones chained to their worker; and the first steps committed with the runs.
 */
export interface CreatedRuns {
  leased: ClaimedWork[];
  committed: CommittedSteps;
}

/** Which runs a list (RunFilter) or a count matches. */
export interface RunMatch {
  workflowId?: string;
  status?: RunStatus;
  createdAfter?: Date;
  createdBefore?: Date;
  /** Runs that ended (succeeded, failed or were cancelled) at or after this time. */
  finishedAfter?: Date;
  /** Runs started by this Stripe event (its id, `evt_...`). */
  eventId?: string;
  /** Runs about this Stripe object (`pi_...`, `ch_...`, `cus_...`, `re_...`): started by an event about it, or that moved money on it (object-lookup.ts). */
  about?: string;
  /** The run of this catalog request. */
  requestId?: string;
  /** Only the runs this person (an email) may read without reading all runs: see run-visibility.ts. */
  visibleTo?: string;
}

/** Where a page of the runs list starts: just after (older than) this run, in the list's order. */
export interface RunListPosition {
  /** The run's creation time (ms). */
  createdAt: number;
  id: string;
}

/** A page of runs, newest first by creation (the later id first on a tie). */
export interface RunFilter extends RunMatch {
  /** Only the runs after this one: the next page. */
  after?: RunListPosition;
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
  description: string | null;
  /** `approvalLimit`: the most the member may approve; null means no cap. */
  members: { email: string; name: string | null; approvalLimit: MajorMoney | null }[];
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
