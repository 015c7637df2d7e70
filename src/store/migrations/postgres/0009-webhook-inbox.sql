-- Messages webhook.post kept locally because its connector has no URL
-- configured (the first run, before NOTIFY_WEBHOOK_URL is set). One row per
-- webhook-id (the step's idempotency key), so a re-run step finds its
-- message instead of keeping it twice.
CREATE TABLE webhook_inbox (
  id TEXT PRIMARY KEY,
  webhook_id TEXT NOT NULL,
  connector_id TEXT NOT NULL,
  run_id TEXT,
  step_path TEXT,
  path TEXT,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX webhook_inbox_by_webhook_id ON webhook_inbox (webhook_id);
CREATE INDEX webhook_inbox_by_run ON webhook_inbox (run_id, id);
