// How many statements a recipe run costs: a signed payment_intent.succeeded
// webhook -> personalize-orders -> a mail in the outbox, counted at the
// database boundary (store/statement-counter.ts), on both dialects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import type { FastifyInstance } from 'fastify';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { StatementCounter } from '../../src/store/statement-counter.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/test-database.ts';

const SECRET = 'whsec_statements';
const RUNS = 20;
/**
 * Statements per run (on PostgreSQL, round trips), BEGIN and COMMIT and the worker's looks at the queue
 * included, one run at a time (nothing shared with other runs: the worst case). 35 on SQLite, 36.75 on
 * PostgreSQL before the outbox row went into the step's commit and connectors and teams were cached; 29.1 and
 * 30.7 before the run's first step was handed to the local worker (no claim), the journal counter went into
 * the run's update, the approval-task update was skipped for runs without tasks, the intake's workflow list
 * was cached, a run's end stopped waking the workers and the intake stopped looking up known event ids before
 * its keyed insert: 15.25 on both. Now the run's only step runs before the event is written and commits with it
 * (no work item, no lock, no second transaction): about 8.4 on both, with no statement on `work_items`. The rest
 * of the margin is for the worker's and scheduler's idle looks, which depend on timing.
 */
const MAX_PER_RUN = { sqlite: 10, postgres: 10 } as const;

void describe('statements per recipe run', () => {
  let database: TestDatabase;
  let system: TollgateSystem;
  let server: FastifyInstance;
  const statements = new StatementCounter();
  const finished = new Set<string>();
  let onFinished: () => void = () => undefined;

  before(async () => {
    database = await createTestDatabase();
    system = await TollgateSystem.open({
      config: { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile, auth: 'off' },
      logger: silentLogger,
      builtInConnectors: [{ id: 'stripe', type: 'stripe', config: { secret_key: 'sk_test_statements', webhook_secrets: [SECRET] } }],
      statementCounter: statements,
      // No polling: the worker looks at the queue when work is written, as under load.
      worker: {
        pollMs: 600_000,
        onCommitted: (commits) => {
          for (const commit of commits) if (commit.kind === 'finished') finished.add(commit.runId);
          onFinished();
        },
      },
    });
    await system.startWorker();
    await applyDefinitions(system.app, parseDocuments(readFileSync(new URL('../../examples/personalize-orders.yaml', import.meta.url), 'utf8')));
    server = await buildServer({ app: system.app, logger: silentLogger, webRoot: false });
  });
  after(async () => {
    await server.close();
    await system.close();
    await database.drop();
  });

  /** Posts one signed event and resolves with its run's id once the run has ended. */
  const runOne = async (index: number): Promise<string> => {
    const body = JSON.stringify({
      id: `evt_statements_${index}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { id: `pi_statements_${index}`, object: 'payment_intent', amount: 150_000, currency: 'usd', customer: 'cus_statements' } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
    const response = await server.inject({ method: 'POST', url: '/webhooks/stripe/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload: body });
    assert.equal(response.statusCode, 200, response.body);
    const runId = (response.json<{ runs: string[] }>().runs)[0] ?? '';
    // Waits on the worker's commits, not on the database: a look at the run would be counted too.
    while (!finished.has(runId)) await new Promise<void>((resolve) => (onFinished = resolve));
    return runId;
  };

  void it(`stays within ${MAX_PER_RUN[testDialect()]} statements per run, one run after another`, async () => {
    await runOne(0); // warms what is read once per process
    statements.reset();
    for (let index = 1; index <= RUNS; index += 1) await runOne(index);
    const perRun = statements.total / RUNS;
    const top = statements.breakdown().map((entry) => `${(entry.count / RUNS).toFixed(2)} × ${entry.sql.slice(0, 140)}`);
    const mails = await system.app.outbox.list({ limit: 100 });
    assert.equal(mails.items.length, RUNS + 1, 'every run left its mail in the outbox');
    assert.ok(perRun <= MAX_PER_RUN[testDialect()], `${perRun} statements per run; the most frequent:\n${top.join('\n')}`);
    const queueWrites = statements.breakdown().filter((entry) => /^(insert into|delete from|update) "work_items"/.test(entry.sql));
    assert.deepEqual(queueWrites, [], 'the run\'s step committed with its event: nothing went through the queue');
  });
});
