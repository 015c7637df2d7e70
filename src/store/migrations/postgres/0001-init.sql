CREATE TABLE workflows (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  draft TEXT,
  draft_hash TEXT,
  latest_version INTEGER NOT NULL DEFAULT 0,
  active_version INTEGER,
  trigger_type TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE workflow_versions (
  workflow_id TEXT NOT NULL REFERENCES workflows(id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  hash TEXT NOT NULL,
  annotation TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (workflow_id, version)
);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  outcome TEXT,
  variables TEXT NOT NULL,
  trigger TEXT NOT NULL,
  error TEXT,
  failed_step TEXT,
  retry_generation INTEGER NOT NULL DEFAULT 0,
  parent_run_id TEXT,
  parent_step_path TEXT,
  request_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX runs_by_workflow ON runs (workflow_id, id);
CREATE INDEX runs_by_status ON runs (status, id);

CREATE TABLE step_attempts (
  run_id TEXT NOT NULL,
  step_path TEXT NOT NULL,
  visit INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  step_id TEXT NOT NULL,
  step_type TEXT NOT NULL,
  position INTEGER NOT NULL,
  status TEXT NOT NULL,
  input TEXT,
  output TEXT,
  error TEXT,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  PRIMARY KEY (run_id, step_path, visit, attempt)
);

CREATE TABLE work_items (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  step_path TEXT NOT NULL,
  visit INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  due_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  resume TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX work_items_one_per_step ON work_items (run_id, step_path);
CREATE INDEX work_items_by_due ON work_items (due_at);

CREATE TABLE schedules (
  workflow_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  cron TEXT NOT NULL,
  timezone TEXT NOT NULL,
  catch_up INTEGER NOT NULL,
  next_at BIGINT NOT NULL
);

CREATE TABLE connectors (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  title TEXT,
  config TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams(id),
  email TEXT NOT NULL,
  name TEXT,
  PRIMARY KEY (team_id, email)
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  offerings TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
