-- The Stripe rate bucket processes of a PostgreSQL database share. Unused on
-- SQLite, whose one process keeps its bucket in memory; made so both dialects
-- have the same tables (and because the migrator runs no comment-only file).
CREATE TABLE stripe_rate_buckets (
  account TEXT PRIMARY KEY,
  tokens REAL NOT NULL,
  counted_at TEXT NOT NULL
);
