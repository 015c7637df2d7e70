-- Refund governance. `policies`: global `kind: Policy` documents (their body
-- as JSON). `refund_reservations`: the ledger of money calls; a row is written
-- and committed before the call (reserved) and settled (with the refund or
-- credit note id) or released after it. `target_id` is the charge (or the
-- invoice of a credit note) the money comes from. `refund_target_locks` holds
-- one row per target, locked while a reservation on it is checked.
CREATE TABLE policies (
  id TEXT PRIMARY KEY,
  title TEXT,
  description TEXT,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE refund_reservations (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  operation TEXT NOT NULL,
  target_id TEXT NOT NULL,
  payment_intent_id TEXT,
  customer_id TEXT,
  workflow_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  step_path TEXT NOT NULL,
  amount INTEGER NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  result_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX refund_reservations_target ON refund_reservations (target_id, status);
CREATE INDEX refund_reservations_customer ON refund_reservations (customer_id, created_at);
CREATE INDEX refund_reservations_workflow ON refund_reservations (workflow_id, created_at);
CREATE INDEX refund_reservations_created ON refund_reservations (created_at);
CREATE TABLE refund_target_locks (
  target_id TEXT PRIMARY KEY
);
-- What an approver was shown as refundable while the task was pending (the
-- approval review): the money guard refuses when it differs at the call.
CREATE TABLE refund_approval_views (
  task_id TEXT NOT NULL,
  target_id TEXT NOT NULL,
  refundable INTEGER NOT NULL,
  currency TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, target_id)
);
