-- Idempotency keys of API calls (the Idempotency-Key header): one row per
-- caller scope and key, claimed before the call does its work and holding the
-- answer once it is known, so a repeat is answered without running again.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  method TEXT NOT NULL,
  route TEXT NOT NULL,
  state TEXT NOT NULL,
  response_status INTEGER,
  response_type TEXT,
  response_body TEXT,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
