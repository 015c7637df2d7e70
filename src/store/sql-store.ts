import { FaultPoint } from '../core/fault-points.ts';
import type { Variables } from '../core/json.ts';
import type { Logger } from '../core/logger.ts';
import type { RunStatus } from '../core/statuses.ts';
import type { DialectCapabilities, DialectDatabase, WorkListener } from './dialect.ts';
import { cancelRun, countRuns, getAttemptState, getRun, listAttempts, listRuns, retryRun, workflowsOfRuns } from './run-queries.ts';
import { COUNT_SLICE, countRunsInStatus } from './run-status-count.ts';
import { isRunVisibleTo } from './run-visibility.ts';
import { summarizeWorkflowRuns, type WorkflowRunSummary } from './workflow-run-summary-queries.ts';
import { runStats, type RunStatsFilter, type RunStatsRecord } from './run-stats-queries.ts';
import { getContainer, listScopeEnds, readScopeVariables } from './scope-queries.ts';
import { commitSteps } from './step-commit/commit-steps.ts';
import { queueBacklog } from './queue-backlog-queries.ts';
import type { QueueBacklog } from './queue-backlog.ts';
import { claimWork, enqueueStep, extendLeases, nextDueAt, wakeTimers, type WakeResult } from './work-queue-queries.ts';
import { getVersion, getWorkflow, listVersions, listWorkflows, publish, saveDraft, setWorkflowStatus } from './workflow-queries.ts';
import { listServices, upsertConnector, upsertService, upsertTeam } from './directory-queries.ts';
import { DirectoryCache } from './directory-cache.ts';
import { LruCache } from '../expression/lru-cache.ts';
import { fireDueSchedules, listSchedules, type FiredSchedules } from './schedule-queries.ts';
import { migrate } from './migrator.ts';
import type { Store } from './store.ts';
import { inspectionKey, type Inspectable } from './inspect.ts';
import { ApprovalStore } from './approval-store.ts';
import { AuditStore } from './audit-store.ts';
import { insertRunsWithFirstSteps } from './step-commit/first-steps.ts';
import { PolicyStore } from './policy-store.ts';
import { RefundLedger } from './refund-ledger.ts';
import type { AuditInput } from './audit-input.ts';
import { ConnectorSecretStore } from './connector-secret-store.ts';
import { EventStore } from './event-store.ts';
import { IdempotencyStore } from './idempotency-store.ts';
import { IdentityStore } from './identity-store.ts';
import { LoginAttemptStore } from './login-attempt-store.ts';
import { OutboxStore } from './outbox-store.ts';
import { RequestStore } from './request-store.ts';
import { SavedViewStore } from './saved-view-store.ts';
import { StripeRateBucketStore } from './stripe-rate-bucket-store.ts';
import { WebhookInboxStore } from './webhook-inbox-store.ts';
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

/**
 * The store on SQL: one implementation, the dialect's differences behind
 * `DialectDatabase`, which it keeps to itself. Runs, workflows and the work
 * queue are its own methods; each module that owns tables is a member store
 * over the same database (`store.approvals`, `store.outbox`, ...).
 */
export class SqlStore implements Store, Inspectable {
  readonly #database: DialectDatabase;
  readonly approvals: ApprovalStore;
  readonly events: EventStore;
  readonly outbox: OutboxStore;
  readonly webhookInbox: WebhookInboxStore;
  readonly requests: RequestStore;
  readonly identity: IdentityStore;
  readonly idempotencyKeys: IdempotencyStore;
  readonly connectorSecrets: ConnectorSecretStore;
  readonly audit: AuditStore;
  readonly loginAttempts: LoginAttemptStore;
  readonly policies: PolicyStore;
  readonly refundLedger: RefundLedger;
  readonly savedViews: SavedViewStore;
  /** The Stripe rate bucket every process shares; none where one process owns the database (SQLite). */
  readonly stripeRateBuckets: StripeRateBucketStore | undefined;
  readonly #directory: DirectoryCache;
  /** Published versions never change (nothing updates or deletes one): each is read once per process. */
  readonly #versions = new LruCache<string, VersionRecord>(500);

  constructor(database: DialectDatabase) {
    this.#database = database;
    this.#directory = new DirectoryCache(database.db);
    this.approvals = new ApprovalStore(database);
    this.events = new EventStore(database);
    this.outbox = new OutboxStore(database);
    this.webhookInbox = new WebhookInboxStore(database);
    this.requests = new RequestStore(database);
    this.identity = new IdentityStore(database);
    this.idempotencyKeys = new IdempotencyStore(database);
    this.connectorSecrets = new ConnectorSecretStore(database, this.#directory);
    this.audit = new AuditStore(database);
    this.loginAttempts = new LoginAttemptStore(database);
    this.policies = new PolicyStore(database);
    this.refundLedger = new RefundLedger(database);
    this.savedViews = new SavedViewStore(database);
    this.stripeRateBuckets = database.capabilities.manyProcesses ? new StripeRateBucketStore(database) : undefined;
  }

  get capabilities(): DialectCapabilities {
    return this.#database.capabilities;
  }

  /** For `inspect.ts` only (tests and the bench). */
  [inspectionKey](): DialectDatabase {
    return this.#database;
  }

  describe(): string {
    return this.#database.describe();
  }

  migrate(options: { logger?: Logger | undefined } = {}): Promise<{ applied: string[] }> {
    return migrate(this.#database, options);
  }

  close(): Promise<void> {
    return this.#database.close();
  }

  getWorkflow(id: string): Promise<WorkflowRecord | undefined> {
    return getWorkflow(this.#database.db, id);
  }

  listWorkflows(options: { cached?: boolean } = {}): Promise<WorkflowRecord[]> {
    return options.cached === true ? this.#directory.workflows() : listWorkflows(this.#database.db);
  }

  async saveDraft(input: Parameters<Store['saveDraft']>[0]): Promise<WorkflowRecord> {
    const saved = await saveDraft(this.#database, input);
    this.#directory.invalidate();
    return saved;
  }

  async publish(input: Parameters<Store['publish']>[0]): Promise<VersionRecord> {
    const published = await publish(this.#database, input);
    this.#directory.invalidate();
    return published;
  }

  async setWorkflowStatus(input: Parameters<Store['setWorkflowStatus']>[0]): Promise<WorkflowRecord> {
    const workflow = await setWorkflowStatus(this.#database, input);
    this.#directory.invalidate();
    return workflow;
  }

  async getVersion(workflowId: string, version: number): Promise<VersionRecord | undefined> {
    const key = `${workflowId}@${version}`;
    const kept = this.#versions.get(key);
    if (kept !== undefined) return kept;
    this.#database.fault(FaultPoint.storeDefinitionRead);
    const record = await getVersion(this.#database.db, workflowId, version);
    if (record !== undefined) this.#versions.set(key, record);
    return record;
  }

  listVersions(workflowId: string): Promise<VersionRecord[]> {
    return listVersions(this.#database.db, workflowId);
  }

  async upsertConnector(input: Parameters<Store['upsertConnector']>[0]): Promise<boolean> {
    const written = await upsertConnector(this.#database, input);
    this.#directory.invalidate();
    return written;
  }

  listConnectors(): Promise<ConnectorRecord[]> {
    return this.#directory.connectors();
  }

  async upsertTeam(input: Parameters<Store['upsertTeam']>[0]): Promise<boolean> {
    const written = await upsertTeam(this.#database, input);
    this.#directory.invalidate();
    return written;
  }

  async getTeam(id: string): Promise<TeamRecord | undefined> {
    return (await this.#directory.teams()).find((team) => team.id === id);
  }

  listTeams(): Promise<TeamRecord[]> {
    return this.#directory.teams();
  }

  upsertService(input: Parameters<Store['upsertService']>[0]): Promise<boolean> {
    return upsertService(this.#database, input);
  }

  listServices(): Promise<ServiceRecord[]> {
    return listServices(this.#database.db);
  }

  createRuns(runs: NewRun[], options: { audit?: AuditInput; firstSteps?: readonly StepCommit[] } = {}): Promise<CreatedRuns> {
    return this.#database.transaction((trx) => insertRunsWithFirstSteps(trx, this.#database, { runs, firstSteps: options.firstSteps ?? [], audit: options.audit }));
  }

  getRun(id: string): Promise<RunRecord | undefined> {
    return getRun(this.#database.db, id);
  }

  workflowsOfRuns(ids: readonly string[]): Promise<Map<string, string>> {
    return workflowsOfRuns(this.#database.db, ids);
  }

  listRuns(filter: RunFilter): Promise<{ runs: RunRecord[]; nextCursor: string | null }> {
    return listRuns(this.#database.db, filter);
  }

  isRunVisibleTo(runId: string, email: string): Promise<boolean> {
    return isRunVisibleTo(this.#database.db, runId, email);
  }

  async listAttempts(runId: string, filter: { under?: string } = {}): Promise<AttemptRecord[]> {
    this.#database.fault(FaultPoint.storeJournalRead);
    return listAttempts(this.#database.db, runId, filter);
  }

  async getAttemptState(input: { runId: string; stepPath: string; visit: number }): Promise<Pick<AttemptRecord, 'attempt' | 'status' | 'output'> | undefined> {
    this.#database.fault(FaultPoint.storeJournalRead);
    return getAttemptState(this.#database.db, input);
  }

  async readScopeVariables(runId: string, scopes: readonly string[]): Promise<Map<string, Variables>> {
    this.#database.fault(FaultPoint.storeJournalRead);
    return readScopeVariables(this.#database.db, runId, scopes);
  }

  async getContainer(runId: string, stepPath: string): Promise<ContainerRecord | undefined> {
    this.#database.fault(FaultPoint.storeJournalRead);
    return getContainer(this.#database.db, runId, stepPath);
  }

  async listScopeEnds(runId: string, ownerPath: string): Promise<ScopeEndRecord[]> {
    this.#database.fault(FaultPoint.storeJournalRead);
    return listScopeEnds(this.#database.db, runId, ownerPath);
  }

  countRuns(filter: RunMatch): Promise<number> {
    return countRuns(this.#database.db, filter);
  }

  countRunsInStatus(status: RunStatus): Promise<number> {
    return countRunsInStatus(this.#database.db, status, this.#database.capabilities.queriesHoldMainThread ? COUNT_SLICE : null);
  }

  summarizeWorkflowRuns(input: { since: Date }): Promise<Map<string, WorkflowRunSummary>> {
    return summarizeWorkflowRuns(this.#database.db, input);
  }

  runStats(filter: RunStatsFilter): Promise<RunStatsRecord> {
    return runStats(this.#database.db, filter, { hourByHour: this.#database.capabilities.queriesHoldMainThread });
  }

  cancelRun(input: Parameters<Store['cancelRun']>[0]): Promise<RunRecord> {
    return cancelRun(this.#database, input);
  }

  retryRun(input: Parameters<Store['retryRun']>[0]): Promise<RunRecord> {
    return retryRun(this.#database, input);
  }

  async claimWork(input: { owner: string; limit: number; leaseMs: number; now: Date }): Promise<Claim> {
    this.#database.fault(FaultPoint.storeClaim);
    return claimWork(this.#database, input);
  }

  extendLeases(input: { owner: string; itemIds: string[]; until: Date }): Promise<void> {
    return extendLeases(this.#database.db, input);
  }

  commitSteps(commits: StepCommit[]): Promise<CommitOutcome[]> {
    return commitSteps(this.#database, commits);
  }

  enqueueStep(input: { runId: string; stepPath: string; resume: unknown; now: Date }): Promise<void> {
    return enqueueStep(this.#database, input);
  }

  wakeTimers(input: { runId: string; now: Date; by: string | null }): Promise<WakeResult> {
    return wakeTimers(this.#database, input);
  }

  nextDueAt(): Promise<Date | undefined> {
    return nextDueAt(this.#database.db);
  }

  queueBacklog(input: { now: Date; countUpTo: number }): Promise<QueueBacklog> {
    return queueBacklog(this.#database.db, input);
  }

  listenForWork(listener: WorkListener): Promise<() => Promise<void>> {
    return this.#database.listenForWork(listener);
  }

  listSchedules(): Promise<ScheduleRecord[]> {
    return listSchedules(this.#database);
  }

  fireDueSchedules(input: Parameters<Store['fireDueSchedules']>[0]): Promise<FiredSchedules> {
    return fireDueSchedules(this.#database, input);
  }
}
