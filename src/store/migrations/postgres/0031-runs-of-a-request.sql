-- tollgate: outside a transaction
-- The runs of a request (GET /api/v1/runs?request=…) are a handful, read by
-- this index instead of a walk of every run. Partial: a run a Stripe event, a
-- schedule or a call started has no request and adds no entry. Built
-- concurrently, so webhooks and steps go on writing runs while it builds.
DROP INDEX CONCURRENTLY IF EXISTS runs_by_request;
CREATE INDEX CONCURRENTLY runs_by_request ON runs (request_id) WHERE request_id IS NOT NULL;
