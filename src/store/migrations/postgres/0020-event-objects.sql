-- The Stripe object an event is about (its data.object.id) and that object's
-- customer, so a payment, charge, invoice or customer can be looked up: every
-- event about it, and the runs those events started. The intake fills both
-- (event-store.ts); events stored before are filled here from their payload.
ALTER TABLE stripe_events ADD COLUMN object_id TEXT;
ALTER TABLE stripe_events ADD COLUMN customer_id TEXT;
UPDATE stripe_events SET object_id = CASE jsonb_typeof(payload::jsonb #> '{data,object,id}') WHEN 'string' THEN payload::jsonb #>> '{data,object,id}' END, customer_id = CASE jsonb_typeof(payload::jsonb #> '{data,object,customer}') WHEN 'string' THEN payload::jsonb #>> '{data,object,customer}' WHEN 'object' THEN CASE jsonb_typeof(payload::jsonb #> '{data,object,customer,id}') WHEN 'string' THEN payload::jsonb #>> '{data,object,customer,id}' END END;
CREATE INDEX stripe_events_by_object ON stripe_events (object_id, received_at) WHERE object_id IS NOT NULL;
CREATE INDEX stripe_events_by_customer ON stripe_events (customer_id, received_at) WHERE customer_id IS NOT NULL;
