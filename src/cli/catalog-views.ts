/**
 * The shapes the catalog, request, approval, event, outbox and inbox commands read
 * from the HTTP API, as the server's serializers write them.
 */
import type { RequestStatus } from '../core/statuses.ts';
import type { RunView } from './api-types.ts';

export interface RequestView {
  id: string;
  service: string;
  offering: string;
  workflow: string;
  version: number;
  requester: string;
  status: RequestStatus;
  outcome: string | null;
  values: Record<string, unknown>;
  run: string;
  created_at: string;
  closed_at: string | null;
}

export interface ApprovalView {
  id: string;
  run: string;
  workflow: string;
  title: string;
  assignee_team: string | null;
  approvers: string[];
  request: string | null;
  requester: string | null;
  status: string;
  outcome: { decision: string; comment: string | null; by: string | null; at: string } | null;
  created_at: string;
  /** What approving leads to (absent from servers before it was kept on the task). */
  leads_to?: { summary: string } | null;
}

export interface ApprovalDecisionView {
  by: string;
  on_behalf_of: string | null;
  decision: string;
  comment: string | null;
  decided_at: string;
}

export interface SubmitRequestView {
  request: RequestView;
  run: RunView;
}

export interface RequestDetailView {
  request: RequestView;
  run: RunView;
  pending_approvals: ApprovalView[];
}

export interface EventView {
  id: string;
  type: string;
  account: string | null;
  connector: string;
  source: string;
  received_at: string;
  /** The id of the object the event is about (`data.object.id`), e.g. `ch_...`. */
  object: string | null;
  /** That object's customer (`cus_...`). */
  customer: string | null;
  /** The charge and the payment intent that object belongs to (a dispute's, a refund's, a charge's payment). */
  charge: string | null;
  payment_intent: string | null;
  /** `generation` 0: on arrival; 1, 2...: replays that started the workflow again (by whom). */
  matches: { workflow: string; workflow_title: string; run: string | null; reason: string; generation: number; replayed_by: string | null }[];
  payload?: unknown;
}

export interface OutboxMessageView {
  id: string;
  message_id: string;
  run: string | null;
  transport: string;
  status: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  error: string | null;
  created_at: string;
  sent_at?: string | null;
  next_attempt_at?: string | null;
  text?: string;
}

/** An email about an approval task (GET /api/v1/approvals/:id/emails): what it told, and the message. */
export interface ApprovalEmailView extends OutboxMessageView {
  kind: 'opened' | 'reminder' | 'escalated';
  /** Which reminder, 1 for the first; null for the others. */
  reminder: number | null;
}

export interface WebhookInboxMessageView {
  id: string;
  webhook_id: string;
  connector: string;
  run: string | null;
  step_path: string | null;
  path: string | null;
  headers: Record<string, string>;
  body: unknown;
  reason: string;
  created_at: string;
}

/** A step an approval leads to (the server's approval-next-action.ts). */
export type NextActionView =
  | { kind: 'approval'; step: string; title: string; assignee: { team: string } | { users: string[] } }
  | { kind: 'action'; step: string; title: string; uses: string; connector: string | null; moves_money: boolean; summary: string; target: string | null }
  | { kind: 'end'; step: string; title: string; outcome: string | null; status: string }
  | { kind: 'unknown'; step: string; title: string; reason: string };

/** What an approver reviews: GET /api/v1/approvals/:id/review. */
export interface ApprovalReviewView {
  approval: ApprovalView & { due_at?: string | null };
  request: { id: string; offering: string; requester: string; submitted_at: string; fields: { key: string; label: string; type: string; value: unknown }[] } | null;
  deadline: { due_at: string; on_timeout: 'reject' | 'escalate' | 'step'; escalate_to: string | null; then_step: string | null; then_step_title?: string | null } | null;
  next_actions: NextActionView[];
  /** Absent from servers older than approver authority. */
  authority?: {
    stake: { amount: number; currency: string } | null;
    needs_limit_text: string | null;
    can_decide: boolean;
    reason: string | null;
    reason_code: string | null;
  };
}

/** The charge an approval task is about, as Stripe has it now: GET /api/v1/approvals/:id/charge (the fields the CLI reads). */
export interface ApprovalChargeView {
  charge: { id: string; disputed?: boolean };
  /** Absent from servers older than the question; null when Stripe could not be asked. */
  early_fraud_warnings?: { id: string; fraud_type: string; actionable: boolean; created: string | null }[] | null;
  early_fraud_warnings_error?: string | null;
}

export interface FormFieldView {
  key: string;
  label?: string;
  type: string;
  required: boolean;
  options?: string[];
  min?: number;
  max?: number;
  help?: string;
}

export interface OfferingView {
  id: string;
  service: string;
  title: string;
  description: string | null;
  workflow: string;
  /** The pinned workflow version, or `latest` (the active one when a request is submitted). */
  version: number | 'latest';
  resolved_version: number | null;
  /** `draft` offerings are kept out of the catalog. */
  status: 'draft' | 'published';
  available: boolean;
  unavailable_reason: { code: string; message: string } | null;
  form: FormFieldView[];
}

export interface CatalogServiceView {
  id: string;
  title: string;
  description: string | null;
  offerings: OfferingView[];
}
