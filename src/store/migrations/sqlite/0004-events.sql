-- Stripe events received (each stored once by its id) and what each did:
-- the runs it started, or why it started none.
CREATE TABLE stripe_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  account TEXT,
  connector_id TEXT NOT NULL,
  livemode INTEGER NOT NULL,
  created INTEGER NOT NULL,
  payload TEXT NOT NULL,
  source TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX stripe_events_by_received ON stripe_events (received_at, id);
CREATE INDEX stripe_events_by_type ON stripe_events (type, received_at);

CREATE TABLE event_matches (
  event_id TEXT NOT NULL REFERENCES stripe_events(id),
  workflow_id TEXT NOT NULL,
  run_id TEXT,
  reason TEXT NOT NULL,
  PRIMARY KEY (event_id, workflow_id)
);

CREATE TABLE cursors (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
