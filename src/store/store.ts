/**
 * The one store interface. `SqlStore` implements it on SQLite and PostgreSQL;
 * the engine and the surfaces depend on this interface, never on a driver.
 */
import type { RunStatus, WorkflowStatus } from '../core/statuses.ts';
import type { Variables } from '../core/json.ts';
import type { Logger } from '../core/logger.ts';
import type { DialectCapabilities, WorkListener } from './dialect.ts';
import type { DirectoryWrite } from './directory-queries.ts';
import type { WorkflowRunSummary } from './workflow-run-summary-queries.ts';
import type { RunStatsFilter, RunStatsRecord } from './run-stats-queries.ts';
import type { WakeResult } from './work-queue-queries.ts';
import type { FiredSchedules } from './schedule-queries.ts';
import type { QueueBacklog } from './queue-backlog.ts';
import type { ApprovalStore } from './approval-store.ts';
import type { AuditStore } from './audit-store.ts';
import type { PolicyStore } from './policy-store.ts';
import type { RefundLedger } from './refund-ledger.ts';
import type { AuditInput, AuditOf } from './audit-input.ts';
import type { ConnectorSecretStore } from './connector-secret-store.ts';
import type { EventStore } from './event-store.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import type { IdentityStore } from './identity-store.ts';
import type { LoginAttemptStore } from './login-attempt-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { RequestStore } from './request-store.ts';
import type { SavedViewStore } from './saved-view-store.ts';
import type { WebhookInboxStore } from './webhook-inbox-store.ts';
import type {
  AttemptRecord,
  Claim,
  CommitOutcome,
  ConnectorRecord,
  ContainerRecord,
  CreatedRuns,
  NewRun,
  RunFilter,
  RunMatch,
  RunRecord,
  ScheduleRecord,
  ScopeEndRecord,
  ServiceRecord,
  StepCommit,
  TeamRecord,
  VersionRecord,
  WorkflowRecord,
} from './records.ts';

export interface Store {
  readonly capabilities: DialectCapabilities;

  // The modules' stores, over the same database
  /** Approval tasks and their decisions. */
  readonly approvals: ApprovalStore;
  /** Received Stripe events, their matches and replays. */
  readonly events: EventStore;
  /** Mail the email connector sent or kept. */
  readonly outbox: OutboxStore;
  /** Messages webhook.post kept because their connector has no URL configured. */
  readonly webhookInbox: WebhookInboxStore;
  /** Catalog requests (an offering's submitted form and its run). */
  readonly requests: RequestStore;
  /** Users, API keys and sessions. */
  readonly identity: IdentityStore;
  /** Idempotency keys of API calls and their saved answers. */
  readonly idempotencyKeys: IdempotencyStore;
  /** Connector variables set through the API, sealed. */
  readonly connectorSecrets: ConnectorSecretStore;
  /** The hash-chained audit trail. */
  readonly audit: AuditStore;
  /** Failed logins per account and per address, for throttling (identity/login-throttle.ts). */
  readonly loginAttempts: LoginAttemptStore;
  /** Global `kind: Policy` documents. */
  readonly policies: PolicyStore;
  /** Reservations of refunds and credit notes (the money guard's ledger). */
  readonly refundLedger: RefundLedger;
  /** People's named filters of the list pages, theirs or shared with a team. */
  readonly savedViews: SavedViewStore;

  describe(): string;
  /** Applies the pending migrations; `logger` hears which are about to run and how long each took. */
  migrate(options?: { logger?: Logger | undefined }): Promise<{ applied: string[] }>;
  close(): Promise<void>;

  // Workflows and versions
  getWorkflow(id: string): Promise<WorkflowRecord | undefined>;
  /**
   * Every workflow. `cached`: from this process's copy, which a change here drops at once and a change by
   * another process within DIRECTORY_CHECK_MS (the intake, which looks for listeners on every batch).
   */
  listWorkflows(options?: { cached?: boolean }): Promise<WorkflowRecord[]>;
  /** `audit`, here and on every write that takes it: entries appended in the write's own transaction (audit-input.ts). */
  saveDraft(input: { id: string; title: string; definition: VersionRecord['definition']; hash: string; triggerType: string; now: Date; audit?: AuditInput }): Promise<WorkflowRecord>;
  /** Snapshots the draft as a new immutable version; makes it the active one when `activate`. */
  publish(input: {
    id: string;
    annotation: string | null;
    activate: boolean;
    now: Date;
    schedule?: Omit<ScheduleRecord, 'workflowId' | 'version'> | null;
    /** The person publishing (an email), kept so they cannot approve the version's tasks; null or absent for a system publish. */
    publishedBy?: string | null;
    audit?: AuditOf<VersionRecord>;
  }): Promise<VersionRecord>;
  setWorkflowStatus(input: {
    id: string;
    status: WorkflowStatus;
    now: Date;
    schedule?: Omit<ScheduleRecord, 'workflowId' | 'version'> | null;
    audit?: AuditOf<{ before: WorkflowRecord; after: WorkflowRecord }>;
  }): Promise<WorkflowRecord>;
  getVersion(workflowId: string, version: number): Promise<VersionRecord | undefined>;
  listVersions(workflowId: string): Promise<VersionRecord[]>;

  // Connectors, teams, services
  // Each upsert answers whether it wrote: false only for an `ifAbsent` write (a create) whose id exists already.
  upsertConnector(input: DirectoryWrite<ConnectorRecord>): Promise<boolean>;
  listConnectors(): Promise<ConnectorRecord[]>;
  upsertTeam(input: DirectoryWrite<TeamRecord>): Promise<boolean>;
  getTeam(id: string): Promise<TeamRecord | undefined>;
  listTeams(): Promise<TeamRecord[]>;
  upsertService(input: DirectoryWrite<ServiceRecord>): Promise<boolean>;
  listServices(): Promise<ServiceRecord[]>;

  // Runs and their journal
  /**
   * Inserts runs with their first work items, and commits with them `firstSteps`, the first steps that
   * ran before the write (run-handoff.ts); returns the steps inserted leased (`NewRun.lease`) or chained,
   * for their worker to run after the commit, and what was committed.
   */
  createRuns(runs: NewRun[], options?: { audit?: AuditInput; firstSteps?: readonly StepCommit[] }): Promise<CreatedRuns>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** The workflow of each of these runs, by run id, in one query; a run that is gone is left out. */
  workflowsOfRuns(ids: readonly string[]): Promise<Map<string, string>>;
  listRuns(filter: RunFilter): Promise<{ runs: RunRecord[]; nextCursor: string | null }>;
  /** True when the run exists and this person may read it without reading all runs (run-visibility.ts). */
  isRunVisibleTo(runId: string, email: string): Promise<boolean>;
  /** The run's journal in order; `under` keeps one step and the steps nested in it (`fanout`, `fanout/0/...`). */
  listAttempts(runId: string, filter?: { under?: string }): Promise<AttemptRecord[]>;
  /** A step's latest attempt in one visit (status and output, not its input). */
  getAttemptState(input: { runId: string; stepPath: string; visit: number }): Promise<Pick<AttemptRecord, 'attempt' | 'status' | 'output'> | undefined>;
  /** The variables of these scopes (`loop/3/`, ...) of a run, by scope path; a scope never opened is absent. */
  readScopeVariables(runId: string, scopes: readonly string[]): Promise<Map<string, Variables>>;
  /** A parallel or foreach step's current visit: how many scopes it opened and how many have ended. */
  getContainer(runId: string, stepPath: string): Promise<ContainerRecord | undefined>;
  /** The scopes a parallel or foreach step opened, by index, with how each ended. */
  listScopeEnds(runId: string, ownerPath: string): Promise<ScopeEndRecord[]>;
  /** How many runs match (the list's filter, without paging). */
  countRuns(filter: RunMatch): Promise<number>;
  /** How many runs are in `status`, read in slices that leave the event loop free between them (run-status-count.ts): for gauges. */
  countRunsInStatus(status: RunStatus): Promise<number>;
  /** Per workflow with runs: its newest run and how many runs failed since `since` (workflow-run-summary-queries.ts). */
  summarizeWorkflowRuns(input: { since: Date }): Promise<Map<string, WorkflowRunSummary>>;
  /** Runs started since a time, counted per hour of their start and per workflow (run-stats-queries.ts). */
  runStats(filter: RunStatsFilter): Promise<RunStatsRecord>;
  /** Cancels a run that has not ended: removes its queued work. */
  cancelRun(input: { id: string; now: Date; audit?: AuditOf<RunRecord> }): Promise<RunRecord>;
  /** Puts a failed run back to running, at its failed step, with a new retry generation. */
  retryRun(input: { id: string; now: Date; audit?: AuditOf<RunRecord> }): Promise<RunRecord>;

  // The work queue
  /** Leases up to `limit` due items; a look that finds none says when the next is due, so an idle worker needs no second look. */
  claimWork(input: { owner: string; limit: number; leaseMs: number; now: Date }): Promise<Claim>;
  extendLeases(input: { owner: string; itemIds: string[]; until: Date }): Promise<void>;
  /** Applies each commit in one transaction per batch; a commit whose lease was lost changes nothing. */
  commitSteps(commits: StepCommit[]): Promise<CommitOutcome[]>;
  /** Makes a parked step runnable again (an approval decided, a child run finished). */
  enqueueStep(input: { runId: string; stepPath: string; resume: unknown; now: Date }): Promise<void>;
  /** Makes every step of a run that waits on time due now (tests and sandboxes skipping a wait; work-queue-queries.ts). */
  wakeTimers(input: { runId: string; now: Date; by: string | null }): Promise<WakeResult>;
  /** The earliest due time in the queue, to sleep until then. */
  nextDueAt(): Promise<Date | undefined>;
  /** Due work no worker holds, counted up to `countUpTo`, and its oldest due time (queue-backlog-queries.ts). */
  queueBacklog(input: { now: Date; countUpTo: number }): Promise<QueueBacklog>;
  /** Tells `listener` when another process signals new work, and when those wake-ups are lost and back (dialect.ts). */
  listenForWork(listener: WorkListener): Promise<() => Promise<void>>;

  // Schedules
  listSchedules(): Promise<ScheduleRecord[]>;
  /**
   * Claims schedules due at `now`: for each, creates the run `makeRun` returns and
   * moves `next_at` to the value `nextAt` computes, in one transaction. Returns how many
   * runs started, and the first steps inserted leased (`NewRun.lease`) for their worker to run.
   */
  fireDueSchedules(input: {
    now: Date;
    makeRun: (schedule: ScheduleRecord, tick: Date) => NewRun | null;
    nextAt: (schedule: ScheduleRecord, tick: Date) => Date;
  }): Promise<FiredSchedules>;
}
