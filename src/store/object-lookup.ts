import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from './database-schema.ts';

/**
 * What Tollgate saw and did about a Stripe object, found by its id: the events
 * about it or about what belongs to it (a customer's payments, a payment's
 * charges, a charge's refunds and disputes), and the runs those events started
 * or that moved money on it (the refund ledger: its charge, payment, customer,
 * or the refund it created). Each term is served by an index (0020, 0021).
 */
export function eventIsAbout(eb: ExpressionBuilder<Database, 'stripe_events'>, id: string): Expression<SqlBool> {
  return eb.or([
    eb('stripe_events.object_id', '=', id),
    eb('stripe_events.customer_id', '=', id),
    eb('stripe_events.charge_id', '=', id),
    eb('stripe_events.payment_intent_id', '=', id),
  ]);
}

export function runIsAbout(eb: ExpressionBuilder<Database, 'runs'>, id: string): Expression<SqlBool> {
  const startedByEvents = eb
    .selectFrom('event_matches')
    .select('event_matches.run_id')
    .where('event_matches.event_id', 'in', (inner) => inner.selectFrom('stripe_events').select('stripe_events.id').where((about) => eventIsAbout(about, id)));
  const movedMoney = eb
    .selectFrom('refund_reservations')
    .select('refund_reservations.run_id')
    .where((ledger) =>
      ledger.or([
        ledger('refund_reservations.target_id', '=', id),
        ledger('refund_reservations.payment_intent_id', '=', id),
        ledger('refund_reservations.customer_id', '=', id),
        ledger('refund_reservations.result_id', '=', id),
      ]),
    );
  return eb('runs.id', 'in', startedByEvents.union(movedMoney));
}
