-- Home's charts count the runs started in the last days per hour, workflow
-- and status, an hour at a time: a range of this index, read from the index
-- alone. The workflows list counts each workflow's runs failed since a time:
-- a range of the second, not a walk of every failed run there ever was.
CREATE INDEX runs_by_start ON runs (created_at, workflow_id, status);
CREATE INDEX runs_by_status_finish ON runs (status, finished_at, workflow_id);
