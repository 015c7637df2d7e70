-- Replays of a stored Stripe event (`tollgate events replay`): an event may
-- start a workflow again, so a match is now one per event, workflow and
-- generation. Generation 0 is what the event did when it arrived; a replay
-- that starts a run records it with the next generation of that workflow,
-- with who replayed it and when. The primary key is what keeps two replays
-- at once from both starting a run where none existed.
CREATE TABLE event_matches_by_generation (
  event_id TEXT NOT NULL REFERENCES stripe_events(id),
  workflow_id TEXT NOT NULL,
  generation INTEGER NOT NULL,
  run_id TEXT,
  reason TEXT NOT NULL,
  replayed_by TEXT,
  replayed_at INTEGER,
  PRIMARY KEY (event_id, workflow_id, generation)
);
INSERT INTO event_matches_by_generation (event_id, workflow_id, generation, run_id, reason)
  SELECT event_id, workflow_id, 0, run_id, reason FROM event_matches;
DROP TABLE event_matches;
ALTER TABLE event_matches_by_generation RENAME TO event_matches;
