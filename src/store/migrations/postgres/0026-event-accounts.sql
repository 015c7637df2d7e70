-- The connected accounts a Stripe connector has had events from: the recovery
-- sweep reads each one's undelivered events (Stripe lists them only to a
-- request made as that account). Partial, so a platform's own events, the
-- common case, cost no index entry.
CREATE INDEX stripe_events_by_account ON stripe_events (connector_id, account, received_at) WHERE account IS NOT NULL;
