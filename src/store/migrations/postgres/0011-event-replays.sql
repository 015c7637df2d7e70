-- Replays of a stored Stripe event (`tollgate events replay`): an event may
-- start a workflow again, so a match is now one per event, workflow and
-- generation. Generation 0 is what the event did when it arrived; a replay
-- that starts a run records it with the next generation of that workflow,
-- with who replayed it and when. The primary key is what keeps two replays
-- at once from both starting a run where none existed.
ALTER TABLE event_matches ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_matches ADD COLUMN replayed_by TEXT;
ALTER TABLE event_matches ADD COLUMN replayed_at BIGINT;
ALTER TABLE event_matches DROP CONSTRAINT event_matches_pkey;
ALTER TABLE event_matches ADD PRIMARY KEY (event_id, workflow_id, generation);
ALTER TABLE event_matches ALTER COLUMN generation DROP DEFAULT;
