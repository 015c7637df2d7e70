-- Email sent by email.send: the built-in outbox, and the delivery log of SMTP
-- messages. One row per Message-ID (derived from the step's idempotency key),
-- so a re-run step finds its message instead of sending it again.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL,
  run_id TEXT,
  step_path TEXT,
  transport TEXT NOT NULL,
  status TEXT NOT NULL,
  from_address TEXT NOT NULL,
  to_addresses TEXT NOT NULL,
  cc_addresses TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE UNIQUE INDEX outbox_by_message_id ON outbox (message_id);
CREATE INDEX outbox_by_run ON outbox (run_id, id);
