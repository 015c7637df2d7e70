-- tollgate: outside a transaction
-- The runs list, newest first by creation with the id breaking ties, walks an
-- index in that order (every run, one status's, one workflow's) and stops at
-- the page's LIMIT; a created-time window is a range of the same index, so a
-- window far in the past reads only its own runs. Run ids are not creation
-- order: a child run's id is a hash. The three indexes the list needs replace
-- the ones it had, so a run insert writes no more index entries than before:
-- runs_by_start still covers home's charts (created_at, workflow_id, status),
-- and runs_by_status still serves the gauge's count of a status in slices.
-- Each is built concurrently beside the one it replaces, which serves until
-- it is dropped: a plain CREATE INDEX would hold off every write to runs
-- (webhooks, steps) while it builds, minutes on a large table.
DROP INDEX CONCURRENTLY IF EXISTS runs_by_start_next;
CREATE INDEX CONCURRENTLY runs_by_start_next ON runs (created_at, id, workflow_id, status);
DROP INDEX CONCURRENTLY IF EXISTS runs_by_start;
ALTER INDEX IF EXISTS runs_by_start_next RENAME TO runs_by_start;
DROP INDEX CONCURRENTLY IF EXISTS runs_by_status_next;
CREATE INDEX CONCURRENTLY runs_by_status_next ON runs (status, created_at, id);
DROP INDEX CONCURRENTLY IF EXISTS runs_by_status;
ALTER INDEX IF EXISTS runs_by_status_next RENAME TO runs_by_status;
DROP INDEX CONCURRENTLY IF EXISTS runs_by_workflow_next;
CREATE INDEX CONCURRENTLY runs_by_workflow_next ON runs (workflow_id, created_at, id);
DROP INDEX CONCURRENTLY IF EXISTS runs_by_workflow;
ALTER INDEX IF EXISTS runs_by_workflow_next RENAME TO runs_by_workflow;
