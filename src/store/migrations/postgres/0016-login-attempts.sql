-- Failed logins, counted per account (`account:<email>`) and per client
-- address (`ip:<address>`) so every process of one database throttles alike:
-- failures in the window that started at window_started_at, the lock they led
-- to, and how many locks came before it (each lasts longer).
CREATE TABLE login_attempts (
  attempt_key TEXT PRIMARY KEY,
  window_started_at BIGINT NOT NULL,
  failures INTEGER NOT NULL,
  lockouts INTEGER NOT NULL,
  locked_until BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_age ON login_attempts (updated_at);
