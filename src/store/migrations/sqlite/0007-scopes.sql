-- Scopes of step outputs: each foreach iteration and each parallel branch is
-- a scope with its own variables (the item and what its steps output or set),
-- read by the steps inside it only. A container (the parallel or foreach step)
-- keeps a count of its ended scopes, so waking it reads one row, not its journal.
CREATE TABLE run_scopes (
  run_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  owner_path TEXT NOT NULL,
  scope_index INTEGER NOT NULL,
  variables TEXT NOT NULL,
  end_order INTEGER,
  output TEXT,
  PRIMARY KEY (run_id, scope)
);
CREATE INDEX run_scopes_by_owner ON run_scopes (run_id, owner_path, scope_index);

CREATE TABLE run_containers (
  run_id TEXT NOT NULL,
  step_path TEXT NOT NULL,
  visit INTEGER NOT NULL,
  scopes INTEGER NOT NULL,
  ended INTEGER NOT NULL,
  PRIMARY KEY (run_id, step_path)
);

-- The run's last journal position, kept in its row: the next one is a read of
-- the row the commit holds already, not a count of the journal.
ALTER TABLE runs ADD COLUMN last_position INTEGER NOT NULL DEFAULT 0;
UPDATE runs SET last_position = (SELECT COALESCE(MAX(position), 0) FROM step_attempts WHERE step_attempts.run_id = runs.id);
