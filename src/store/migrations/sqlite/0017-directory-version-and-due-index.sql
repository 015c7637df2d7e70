-- The directory's version: bumped in the same transaction as every change to
-- connectors and teams, so each process can keep them in memory and see,
-- with one cheap read, when another process changed them (directory-cache.ts).
CREATE TABLE directory_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);

-- When each work item becomes claimable (its due time, or the end of a lease
-- still running past it): the worker's "next due" look reads the first entry
-- instead of scanning the whole backlog (work-queue-queries.ts, nextDueAt).
CREATE INDEX work_items_by_claimable_at ON work_items ((CASE WHEN lease_until IS NOT NULL AND lease_until > due_at THEN lease_until ELSE due_at END));
