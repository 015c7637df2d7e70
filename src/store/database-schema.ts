/** Row shapes of every table, for Kysely. Times are epoch milliseconds; JSON is text. */
import type { Generated } from 'kysely';
import type { ApprovalDecision, ApprovalStatus, AttemptStatus, IdempotencyState, RequestStatus, RunStatus, WorkflowStatus } from '../core/statuses.ts';

export interface WorkflowsTable {
  id: string;
  title: string;
  status: WorkflowStatus;
  draft: string | null;
  /** The definition format the draft is written in (migration 0012; definition/stored-definition.ts). */
  draft_format: number;
  draft_hash: string | null;
  latest_version: Generated<number>;
  active_version: number | null;
  trigger_type: string | null;
  created_at: number;
  updated_at: number;
}

export interface WorkflowVersionsTable {
  workflow_id: string;
  version: number;
  definition: string;
  /** The definition format it is written in (migration 0012; definition/stored-definition.ts). */
  definition_format: number;
  hash: string;
  annotation: string | null;
  created_at: number;
  /** Who published it (migration 0015); null for a system or local publish with no user. */
  published_by: string | null;
}

export interface RunsTable {
  id: string;
  workflow_id: string;
  version: number;
  status: RunStatus;
  outcome: string | null;
  variables: string;
  trigger: string;
  error: string | null;
  failed_step: string | null;
  retry_generation: Generated<number>;
  /** The journal position of the run's last step attempt: the next attempt takes this plus one. */
  last_position: Generated<number>;
  /** 1 once the run had an approval task (set by a trigger on approval_tasks, migration 0019): only then does its end look for pending tasks. */
  has_approval_tasks: Generated<number>;
  parent_run_id: string | null;
  parent_step_path: string | null;
  request_id: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface StepAttemptsTable {
  run_id: string;
  step_path: string;
  /** Which visit of the step (a loop back to it is a new visit); attempts count retries within a visit. */
  visit: number;
  attempt: number;
  step_id: string;
  step_type: string;
  /** Order of the attempt within its run's journal. */
  position: number;
  status: AttemptStatus;
  input: string | null;
  output: string | null;
  error: string | null;
  started_at: number;
  finished_at: number | null;
}

/** A foreach iteration or a parallel branch of a run: its variables, and its result once it ended. */
export interface RunScopesTable {
  run_id: string;
  /** `loop/3/`: the owner's path, the index, a slash (the prefix of the step paths inside it). */
  scope: string;
  owner_path: string;
  scope_index: number;
  variables: string;
  /** 1 for the first of its container's scopes to end, 2 for the next...; null while it runs. */
  end_order: number | null;
  output: string | null;
}

/** A parallel or foreach step's current visit: how many scopes it opened, how many have ended. */
export interface RunContainersTable {
  run_id: string;
  step_path: string;
  visit: number;
  scopes: number;
  ended: number;
}

export interface WorkItemsTable {
  id: string;
  run_id: string;
  step_path: string;
  visit: number;
  attempt: number;
  due_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  /** Leases that ran out without a commit since the step last moved on (migration 0008). */
  lease_expiries: Generated<number>;
  resume: string | null;
  created_at: number;
}

export interface SchedulesTable {
  workflow_id: string;
  version: number;
  cron: string;
  timezone: string;
  catch_up: number;
  next_at: number;
}

export interface ConnectorsTable {
  id: string;
  type: string;
  title: string | null;
  config: string;
  created_at: number;
  updated_at: number;
}

export interface TeamsTable {
  id: string;
  title: string;
  /** What the team is for (migration 0025); null when its document says nothing. */
  description: string | null;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  email: string;
  name: string | null;
  /** The most this member may approve, major units, in `approval_limit_currency` (migration 0015); null: no cap. */
  approval_limit_amount: number | null;
  approval_limit_currency: string | null;
}

export interface ServicesTable {
  id: string;
  title: string;
  description: string | null;
  offerings: string;
  created_at: number;
  updated_at: number;
}

export interface ApprovalTasksTable {
  id: string;
  run_id: string;
  step_path: string;
  visit: number;
  workflow_id: string;
  title: string;
  assignee_team: string | null;
  approvers: string;
  quorum: string;
  require_comment_on_reject: number;
  form: string | null;
  request_id: string | null;
  requester: string | null;
  status: ApprovalStatus;
  due_at: number | null;
  outcome: string | null;
  created_at: number;
  decided_at: number | null;
  /** What the task puts at stake, major units (migration 0015); null when the step declares no amount. */
  stake_amount: number | null;
  stake_currency: string | null;
  /** ApprovalLeadsTo as JSON (migration 0022); null when no money-moving step follows the approval. */
  leads_to: string | null;
}

/**
 * One row per approval task and approver (migration 0018), with the task's
 * status and creation time: what the approvals inbox reads through its index.
 * Written only by triggers on approval_tasks, never by the application.
 */
export interface ApprovalTaskApproversTable {
  task_id: string;
  approver: string;
  status: ApprovalStatus;
  created_at: number;
}

export interface ApprovalDecisionsTable {
  task_id: string;
  user_email: string;
  on_behalf_of: string | null;
  decision: ApprovalDecision;
  comment: string | null;
  form_values: string | null;
  decided_at: number;
}

export interface DelegationsTable {
  user_email: string;
  delegate_email: string;
  starts_at: number;
  ends_at: number;
  created_at: number;
}

export interface RequestsTable {
  id: string;
  service_id: string;
  offering_id: string;
  workflow_id: string;
  version: number;
  requester: string;
  status: RequestStatus;
  outcome: string | null;
  form_values: string;
  run_id: string;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface StripeEventsTable {
  id: string;
  type: string;
  account: string | null;
  connector_id: string;
  livemode: number;
  created: number;
  payload: string;
  source: string;
  received_at: number;
  /** The id of the object the event is about (`data.object.id`), e.g. `pi_...`. */
  object_id: string | null;
  /** That object's customer (`data.object.customer`), e.g. `cus_...`. */
  customer_id: string | null;
  /** The charge that object belongs to (`data.object.charge`: a refund's, a dispute's), e.g. `ch_...` (migration 0021). */
  charge_id: string | null;
  /** The payment intent that object belongs to (`data.object.payment_intent`: a charge's, a dispute's), e.g. `pi_...`. */
  payment_intent_id: string | null;
}

export interface EventMatchesTable {
  event_id: string;
  workflow_id: string;
  /** 0: what the event did when it arrived; 1, 2...: replays that started the workflow again (migration 0011). */
  generation: number;
  run_id: string | null;
  reason: string;
  /** Who replayed the event (email), for generation > 0. */
  replayed_by: string | null;
  replayed_at: number | null;
}

export interface CursorsTable {
  name: string;
  value: string;
  updated_at: number;
}

export interface IdempotencyKeysTable {
  scope: string;
  idempotency_key: string;
  fingerprint: string;
  method: string;
  route: string;
  state: IdempotencyState;
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  created_at: number;
  finished_at: number | null;
}

/** Messages `webhook.post` kept locally because its connector has no URL configured. */
export interface WebhookInboxTable {
  id: string;
  /** The step's idempotency key, sent as `webhook-id` once a URL is configured. */
  webhook_id: string;
  connector_id: string;
  run_id: string | null;
  step_path: string | null;
  /** The step's `with.url` (a path under the connector's URL), if it gave one. */
  path: string | null;
  /** JSON object of the headers the message would carry, besides the signature. */
  headers: string;
  /** The JSON payload. */
  body: string;
  /** Why it was kept, e.g. `NOTIFY_WEBHOOK_URL is not set`. */
  reason: string;
  created_at: number;
}

/** Connector variables set through the API instead of the environment, sealed (AES-256-GCM). */
export interface ConnectorSecretsTable {
  connector_id: string;
  /** The variable's name, as the config's `{{ env.NAME }}` names it. */
  name: string;
  /** `v2:<key id>:` (or, sealed before key ids, `v1:`) and base64 of the IV, the GCM tag and the ciphertext (system/secret-box.ts). */
  sealed: string;
  /** The email of who set it. */
  updated_by: string | null;
  updated_at: number;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

/** The hash-chained audit trail (migration 0013; core/audit-entry.ts). */
export interface AuditEntriesTable {
  seq: number;
  at: number;
  actor_type: 'user' | 'run' | 'system';
  actor_id: string;
  actor_via: string | null;
  action: string;
  target_type: string;
  target_id: string;
  service_id: string | null;
  offering_id: string | null;
  /** JSON object. */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** One row: the trail's last seq and hash, and how far a retention purge deleted. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  purged_through: number;
}

/** Global `kind: Policy` documents (migration 0014); `body` is the policy body as JSON. */
export interface PoliciesTable {
  id: string;
  title: string | null;
  description: string | null;
  body: string;
  updated_at: number;
}

/** The refund reservation ledger (migration 0014; store/refund-ledger.ts). */
export interface RefundReservationsTable {
  id: string;
  idempotency_key: string;
  operation: string;
  target_id: string;
  payment_intent_id: string | null;
  customer_id: string | null;
  workflow_id: string;
  run_id: string;
  step_path: string;
  amount: number;
  currency: string;
  status: string;
  result_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The refundable amount an approval review showed while its task was pending. */
export interface RefundApprovalViewsTable {
  task_id: string;
  target_id: string;
  refundable: number;
  currency: string;
  seen_at: number;
}

/** One row per charge or invoice, locked while a reservation on it is checked. */
export interface RefundTargetLocksTable {
  target_id: string;
}

/** One row: the version of connectors and teams, bumped with every change to them (migration 0017). */
export interface DirectoryVersionTable {
  id: number;
  version: number;
}

export interface Database {
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  runs: RunsTable;
  step_attempts: StepAttemptsTable;
  run_scopes: RunScopesTable;
  run_containers: RunContainersTable;
  work_items: WorkItemsTable;
  schedules: SchedulesTable;
  connectors: ConnectorsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  services: ServicesTable;
  approval_tasks: ApprovalTasksTable;
  approval_task_approvers: ApprovalTaskApproversTable;
  approval_decisions: ApprovalDecisionsTable;
  delegations: DelegationsTable;
  requests: RequestsTable;
  stripe_events: StripeEventsTable;
  event_matches: EventMatchesTable;
  cursors: CursorsTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_inbox: WebhookInboxTable;
  connector_secrets: ConnectorSecretsTable;
  audit_entries: AuditEntriesTable;
  audit_head: AuditHeadTable;
  policies: PoliciesTable;
  refund_reservations: RefundReservationsTable;
  refund_target_locks: RefundTargetLocksTable;
  refund_approval_views: RefundApprovalViewsTable;
  tollgate_migrations: MigrationsTable;
  directory_version: DirectoryVersionTable;
}
