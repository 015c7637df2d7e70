// Migration 0020 gives stripe_events the object each event is about and that object's customer: the intake
// fills both, and the events stored before the migration are filled from their payloads. Here the migration
// is undone on a migrated database, events are stored the old way, and the migration runs again. The same for
// migration 0021, which adds the charge and the payment intent each event's object belongs to.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrate } from '../../src/store/migrator.ts';
import { suiteDatabase } from '../support/test-database.ts';

const OLD_EVENTS = [
  { id: 'evt_old_charge', object: { id: 'ch_old', object: 'charge', customer: 'cus_old' } },
  { id: 'evt_old_expanded', object: { id: 'pi_old', object: 'payment_intent', customer: { id: 'cus_expanded', object: 'customer' } } },
  { id: 'evt_old_customer', object: { id: 'cus_old', object: 'customer' } },
  { id: 'evt_old_bare', object: { object: 'balance', customer: 42 } },
];

void describe('migrations 0020 and 0021 (event objects)', () => {
  const suite = suiteDatabase();

  /** Undoes a migration that added indexed columns to a migrated database, so it runs again on the next migrate. */
  async function undo(version: number, change: { indexes: string[]; columns: string[] }): Promise<void> {
    for (const index of change.indexes) await sql`DROP INDEX ${sql.ref(index)}`.execute(suite.db);
    for (const column of change.columns) await sql`ALTER TABLE stripe_events DROP COLUMN ${sql.ref(column)}`.execute(suite.db);
    await suite.db.deleteFrom('tollgate_migrations').where('version', '=', version).execute();
  }

  /** Events stored the way a build before the migration stored them: without the columns it adds. */
  async function storeOldEvents(events: readonly { id: string; object: unknown }[]): Promise<void> {
    for (const event of events) {
      const payload = JSON.stringify({ id: event.id, type: 'x.y', data: { object: event.object } });
      await sql`INSERT INTO stripe_events (id, type, account, connector_id, livemode, created, payload, source, received_at) VALUES (${event.id}, 'x.y', NULL, 'stripe', 0, 1, ${payload}, 'webhook', 1)`.execute(suite.db);
    }
  }

  void it('fills the object and the customer of the events stored before it', async () => {
    const { db } = suite;
    await undo(20, { indexes: ['stripe_events_by_object', 'stripe_events_by_customer'], columns: ['object_id', 'customer_id'] });
    await storeOldEvents(OLD_EVENTS);

    assert.deepEqual((await migrate(suite.database)).applied, ['0020-event-objects.sql']);
    const rows = await db.selectFrom('stripe_events').select(['id', 'object_id', 'customer_id']).where('id', 'like', 'evt_old_%').orderBy('id').execute();
    assert.deepEqual(rows, [
      { id: 'evt_old_bare', object_id: null, customer_id: null },
      { id: 'evt_old_charge', object_id: 'ch_old', customer_id: 'cus_old' },
      { id: 'evt_old_customer', object_id: 'cus_old', customer_id: null },
      { id: 'evt_old_expanded', object_id: 'pi_old', customer_id: 'cus_expanded' },
    ]);
  });

  void it('fills the charge and the payment intent of the events stored before 0021', async () => {
    const { db } = suite;
    await undo(21, { indexes: ['stripe_events_by_charge', 'stripe_events_by_payment_intent', 'refund_reservations_result', 'refund_reservations_payment_intent'], columns: ['charge_id', 'payment_intent_id'] });
    const oldObjects = [
      { id: 'evt_pay_dispute', object: { id: 'dp_old', object: 'dispute', charge: 'ch_old', payment_intent: 'pi_old' } },
      { id: 'evt_pay_expanded', object: { id: 're_old', object: 'refund', charge: { id: 'ch_expanded', object: 'charge' }, payment_intent: { id: 'pi_expanded' } } },
      { id: 'evt_pay_charge', object: { id: 'ch_old', object: 'charge', payment_intent: 'pi_old', charge: null } },
      { id: 'evt_pay_bare', object: { id: 'cus_old', object: 'customer', charge: 7, payment_intent: { object: 'payment_intent' } } },
    ];
    await storeOldEvents(oldObjects);

    assert.deepEqual((await migrate(suite.database)).applied, ['0021-event-payments.sql']);
    const rows = await db.selectFrom('stripe_events').select(['id', 'charge_id', 'payment_intent_id']).where('id', 'like', 'evt_pay_%').orderBy('id').execute();
    assert.deepEqual(rows, [
      { id: 'evt_pay_bare', charge_id: null, payment_intent_id: null },
      { id: 'evt_pay_charge', charge_id: null, payment_intent_id: 'pi_old' },
      { id: 'evt_pay_dispute', charge_id: 'ch_old', payment_intent_id: 'pi_old' },
      { id: 'evt_pay_expanded', charge_id: 'ch_expanded', payment_intent_id: 'pi_expanded' },
    ]);
  });
});
