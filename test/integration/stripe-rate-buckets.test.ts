// The Stripe rate bucket every process of one PostgreSQL database shares
// (store/stripe-rate-bucket-store.ts): two stores, each with its own pool, stand
// for two processes. SQLite has none: its one process keeps the bucket in memory.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { SharedRateBucket } from '../../src/core/shared-rate-bucket.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { stripeRateAccount, stripeTake } from '../../src/connectors/stripe/stripe-rate-bucket.ts';
import { createStripeRateGate } from '../../src/connectors/stripe/stripe-rate-gate.ts';
import { StripeSandbox } from '../../src/sandbox/index.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openPostgres } from '../../src/store/postgres/postgres-database.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { StripeRateBucketStore } from '../../src/store/stripe-rate-bucket-store.ts';
import { closedPort } from '../support/closed-port.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.ts';
import { createTestSystem } from '../support/test-system.ts';

const onPostgres = { skip: testDialect() === 'sqlite' ? 'SQLite keeps the bucket in the process (no shared bucket)' : false };

/** The database's clock, in seconds. */
async function databaseSeconds(store: SqlStore): Promise<number> {
  const { rows } = await sql<{ at: number }>`select extract(epoch from clock_timestamp())::float8 as at`.execute(inspectDatabase(store));
  return rows[0]!.at;
}

void describe('the Stripe rate bucket of a database', () => {
  let database: TestDatabase;
  const stores: SqlStore[] = [];
  const bucket = (index: number): SharedRateBucket => {
    const shared = stores[index]?.stripeRateBuckets;
    assert.ok(shared, 'PostgreSQL stores have the shared bucket');
    return shared;
  };

  before(async () => {
    database = await createTestDatabase();
    const where = { databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile };
    stores.push(await openStore(where));
    if (database.dialect === 'postgres') stores.push(await openStore(where));
  });
  after(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database.drop();
  });

  void it('is shared on PostgreSQL only', () => {
    assert.equal(stores[0]?.stripeRateBuckets !== undefined, database.dialect === 'postgres');
  });

  void it('a read at one process leaves the money share, so a read at the other is refused for as long as the row says, while a money call there still goes', onPostgres, async () => {
    // At a hundredth of a call a second nothing comes back during the test: the bucket holds 2, a read needs 2, a money call 1.
    const take = (kind: 'money' | 'other') => stripeTake(stripeRateAccount('sk_test_share'), 0.01, kind);
    assert.deepEqual(await bucket(0).take(take('other')), { granted: true }, 'a new bucket starts full');
    const refused = await bucket(1).take(take('other'));
    assert.ok(!refused.granted, 'one token is left: the money share');
    assert.ok(refused.retryInMs > 90_000 && refused.retryInMs <= 100_000, `one token at 0.01/s comes back in 100 s: ${refused.retryInMs} ms`);
    assert.deepEqual(await bucket(1).take(take('money')), { granted: true }, 'a money call may take the last token');
    const empty = await bucket(0).take(take('money'));
    assert.equal(empty.granted, false, 'and then nothing is left for anyone');
  });

  void it("two processes drawing at 5/s together get no more than the bucket held and the rate gave back, on the database's clock", onPostgres, async () => {
    const account = stripeRateAccount('sk_test_busy');
    const startedAt = await databaseSeconds(stores[0]!);
    let granted = 0;
    const draw = async (shared: SharedRateBucket, first: number) => {
      for (let index = first; index < first + 40; index += 1) {
        const grant = await shared.take(stripeTake(account, 5, index % 3 === 0 ? 'money' : 'other'));
        if (grant.granted) granted += 1;
        else await sleep(Math.min(grant.retryInMs, 50));
      }
    };
    await Promise.all([draw(bucket(0), 0), draw(bucket(0), 1), draw(bucket(1), 2), draw(bucket(1), 0)]);
    const elapsed = (await databaseSeconds(stores[0]!)) - startedAt;
    assert.ok(granted >= 5, `the full bucket's 5 tokens went: ${granted}`);
    assert.ok(granted <= 5 + 5 * elapsed, `${granted} grants in ${elapsed.toFixed(3)} s: at most ${(5 + 5 * elapsed).toFixed(1)}`);
  });

  void it('a gate whose database cannot be reached lets calls go on its own bucket, and counts them', async () => {
    const unreachable = openPostgres({ url: `postgres://tollgate@127.0.0.1:${await closedPort()}/tollgate` });
    try {
      const gate = createStripeRateGate({ shared: new StripeRateBucketStore(unreachable), logger: silentLogger });
      await gate.pass(stripeRateAccount('sk_test_down'), 10, 'money');
      await gate.pass(stripeRateAccount('sk_test_down'), 10, 'other');
      assert.equal(gate.sharedFallbacks(), 2);
    } finally {
      await unreachable.close();
    }
  });
});

void describe("a system's Stripe calls", () => {
  const sandbox = new StripeSandbox();
  before(() => sandbox.start());
  after(() => sandbox.stop());

  void it('take their tokens from the database on PostgreSQL, under a digest of the key, never the key; on SQLite from the process', async () => {
    const key = 'sk_test_never_stored_4242';
    const t = await createTestSystem();
    try {
      await t.apply(`
kind: Connector
id: stripe
type: stripe
config: { secret_key: ${key}, api_base: "${sandbox.url}", rate_limit: 10 }
---
kind: Workflow
id: look-up
trigger: { type: manual }
steps:
  - id: customers
    type: action
    uses: stripe.customers.list
    with: { limit: 1 }
`);
      const run = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'look-up', input: {} })).id);
      assert.equal(run.status, 'succeeded');
      await t.system.stripeClients({ id: 'stripe', type: 'stripe', config: { secret_key: key, api_base: sandbox.url, rate_limit: 10 } }).then((stripe) => stripe.customers.list({ limit: 1 }));
      const { rows } = await sql<{ account: string; tokens: number }>`select account, tokens from stripe_rate_buckets`.execute(inspectDatabase(t.system.store));
      if (t.database.dialect === 'sqlite') {
        assert.deepEqual(rows, []);
        return;
      }
      assert.deepEqual(rows.map((row) => row.account), [stripeRateAccount(key)], 'one bucket for the engine and the poller\'s client');
      assert.ok(rows.every((row) => !row.account.includes('never_stored')), 'no part of the key is stored');
      assert.ok(rows[0]!.tokens <= 9, `the last call took a token: ${rows[0]!.tokens} left of 10`);
    } finally {
      await t.close();
    }
  });
});
