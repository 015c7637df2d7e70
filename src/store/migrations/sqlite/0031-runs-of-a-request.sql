-- The runs of a request (GET /api/v1/runs?request=…) are a handful, read by
-- this index instead of a walk of every run. Partial: a run a Stripe event, a
-- schedule or a call started has no request and adds no entry.
CREATE INDEX runs_by_request ON runs (request_id) WHERE request_id IS NOT NULL;
