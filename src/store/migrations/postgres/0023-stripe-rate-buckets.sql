-- The Stripe rate bucket every process of the database shares, one row per
-- account (store/stripe-rate-bucket-store.ts): the tokens left when counted_at
-- (the database's clock) was last read. account is a digest of the secret key,
-- never the key.
CREATE TABLE stripe_rate_buckets (
  account TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  counted_at TIMESTAMPTZ NOT NULL
);
