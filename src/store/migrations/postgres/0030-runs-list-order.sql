-- The runs list, newest first by creation with the id breaking ties, walks an
-- index in that order (every run, one status's, one workflow's) and stops at
-- the page's LIMIT; a created-time window is a range of the same index, so a
-- window far in the past reads only its own runs. Run ids are not creation
-- order: a child run's id is a hash. The three indexes the list needs replace
-- the ones it had, so a run insert writes no more index entries than before:
-- runs_by_start still covers home's charts (created_at, workflow_id, status),
-- and runs_by_status still serves the gauge's count of a status in slices.
DROP INDEX runs_by_start;
CREATE INDEX runs_by_start ON runs (created_at, id, workflow_id, status);
DROP INDEX runs_by_status;
CREATE INDEX runs_by_status ON runs (status, created_at, id);
DROP INDEX runs_by_workflow;
CREATE INDEX runs_by_workflow ON runs (workflow_id, created_at, id);
