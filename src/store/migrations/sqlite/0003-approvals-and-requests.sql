-- Approval tasks made by approval steps, the decisions on them, and the
-- catalog's requests (a submitted offering form and the run it started).
CREATE TABLE approval_tasks (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  step_path TEXT NOT NULL,
  visit INTEGER NOT NULL,
  workflow_id TEXT NOT NULL,
  title TEXT NOT NULL,
  assignee_team TEXT,
  approvers TEXT NOT NULL,
  quorum TEXT NOT NULL,
  require_comment_on_reject INTEGER NOT NULL,
  form TEXT,
  request_id TEXT,
  requester TEXT,
  status TEXT NOT NULL,
  due_at INTEGER,
  outcome TEXT,
  created_at INTEGER NOT NULL,
  decided_at INTEGER
);
CREATE INDEX approval_tasks_by_status ON approval_tasks (status, created_at);
CREATE INDEX approval_tasks_by_run ON approval_tasks (run_id);

CREATE TABLE approval_decisions (
  task_id TEXT NOT NULL REFERENCES approval_tasks(id),
  user_email TEXT NOT NULL,
  on_behalf_of TEXT,
  decision TEXT NOT NULL,
  comment TEXT,
  form_values TEXT,
  decided_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, user_email)
);

CREATE TABLE delegations (
  user_email TEXT NOT NULL,
  delegate_email TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_email, delegate_email, starts_at)
);

CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL,
  offering_id TEXT NOT NULL,
  workflow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  requester TEXT NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT,
  form_values TEXT NOT NULL,
  run_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX requests_by_requester ON requests (requester, id);
