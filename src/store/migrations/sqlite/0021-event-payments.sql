-- The charge and the payment intent an event's object belongs to (its
-- data.object.charge and payment_intent, an id or an expanded object's id), so
-- a payment's lookup also finds its charges, refunds, disputes and early fraud
-- warnings. The intake fills both (event-store.ts); events stored before are
-- filled here from their payload. The refund ledger is indexed by the refund
-- it created and by payment, so the runs that moved money on an object are
-- found too.
ALTER TABLE stripe_events ADD COLUMN charge_id TEXT;
ALTER TABLE stripe_events ADD COLUMN payment_intent_id TEXT;
UPDATE stripe_events SET
  charge_id = CASE json_type(payload, '$.data.object.charge') WHEN 'text' THEN json_extract(payload, '$.data.object.charge') WHEN 'object' THEN CASE json_type(payload, '$.data.object.charge.id') WHEN 'text' THEN json_extract(payload, '$.data.object.charge.id') END END,
  payment_intent_id = CASE json_type(payload, '$.data.object.payment_intent') WHEN 'text' THEN json_extract(payload, '$.data.object.payment_intent') WHEN 'object' THEN CASE json_type(payload, '$.data.object.payment_intent.id') WHEN 'text' THEN json_extract(payload, '$.data.object.payment_intent.id') END END
WHERE json_valid(payload);
CREATE INDEX stripe_events_by_charge ON stripe_events (charge_id, received_at) WHERE charge_id IS NOT NULL;
CREATE INDEX stripe_events_by_payment_intent ON stripe_events (payment_intent_id, received_at) WHERE payment_intent_id IS NOT NULL;
CREATE INDEX refund_reservations_result ON refund_reservations (result_id) WHERE result_id IS NOT NULL;
CREATE INDEX refund_reservations_payment_intent ON refund_reservations (payment_intent_id) WHERE payment_intent_id IS NOT NULL;
