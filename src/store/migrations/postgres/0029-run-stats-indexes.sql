-- tollgate: outside a transaction
-- Home's charts count the runs started in the last days per hour, workflow
-- and status, an hour at a time: a range of this index, read from the index
-- alone. The workflows list counts each workflow's runs failed since a time:
-- a range of the second, not a walk of every failed run there ever was.
-- Built concurrently: on a large runs table a plain CREATE INDEX would hold
-- off every write to runs (webhooks, steps) while it builds.
DROP INDEX CONCURRENTLY IF EXISTS runs_by_start;
CREATE INDEX CONCURRENTLY runs_by_start ON runs (created_at, workflow_id, status);
DROP INDEX CONCURRENTLY IF EXISTS runs_by_status_finish;
CREATE INDEX CONCURRENTLY runs_by_status_finish ON runs (status, finished_at, workflow_id);
