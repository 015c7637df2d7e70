// Migration 0020 gives stripe_events the object each event is about and that object's customer: the intake
// fills both, and the events stored before the migration are filled from their payloads. Here the migration
// is undone on a migrated database, events are stored the old way, and the migration runs again.
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

void describe('migration 0020 (event objects)', () => {
  const suite = suiteDatabase();

  void it('fills the object and the customer of the events stored before it', async () => {
    const { db } = suite;
    await sql`DROP INDEX stripe_events_by_object`.execute(db);
    await sql`DROP INDEX stripe_events_by_customer`.execute(db);
    await sql`ALTER TABLE stripe_events DROP COLUMN object_id`.execute(db);
    await sql`ALTER TABLE stripe_events DROP COLUMN customer_id`.execute(db);
    await db.deleteFrom('tollgate_migrations').where('version', '=', 20).execute();
    for (const event of OLD_EVENTS) {
      const payload = JSON.stringify({ id: event.id, type: 'x.y', data: { object: event.object } });
      await sql`INSERT INTO stripe_events (id, type, account, connector_id, livemode, created, payload, source, received_at) VALUES (${event.id}, 'x.y', NULL, 'stripe', 0, 1, ${payload}, 'webhook', 1)`.execute(db);
    }

    assert.deepEqual((await migrate(suite.database)).applied, ['0020-event-objects.sql']);
    const rows = await db.selectFrom('stripe_events').select(['id', 'object_id', 'customer_id']).where('id', 'like', 'evt_old_%').orderBy('id').execute();
    assert.deepEqual(rows, [
      { id: 'evt_old_bare', object_id: null, customer_id: null },
      { id: 'evt_old_charge', object_id: 'ch_old', customer_id: 'cus_old' },
      { id: 'evt_old_customer', object_id: 'cus_old', customer_id: null },
      { id: 'evt_old_expanded', object_id: 'pi_old', customer_id: 'cus_expanded' },
    ]);
  });
});
