-- An SMTP message that could not go out when it was recorded (an approval's
-- email while the mail server was down) is tried again later: when
-- (next_attempt_at, epoch ms; null when nothing is planned) and how many tries
-- failed so far. The partial index serves the retry loop's look-up of due ones.
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT;
CREATE INDEX outbox_retries_due ON outbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
