// The floor: what the recipe workload costs without the engine. A minimal
// Fastify app takes the same webhook (the same raw-text JSON parse and the
// same Stripe signature check as Tollgate's intake) and writes the rows a
// finished personalize-orders run leaves (the event, a finished run, the mail
// in the outbox) in one group commit per batch: every request that arrived
// while the last commit ran shares the next. SQLite: WAL, synchronous=FULL;
// PostgreSQL: one statement per batch, synchronous_commit on. Answers the
// intake's `{ runs: [id] }` once its rows are durable. Prints `floor
// listening at <url>`. DIALECT, SQLITE_FILE or DATABASE_URL, SECRET.
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { verifyStripeSignature } from '../src/triggers/stripe-signature.ts';

interface FloorRows {
  event: { id: string; type: string; created: number; payload: string };
  runId: string;
  mail: { subject: string; body: string };
  at: number;
}

type Commit = (batch: readonly FloorRows[]) => Promise<void>;

const TABLES = [
  'CREATE TABLE stripe_events (id TEXT PRIMARY KEY, type TEXT NOT NULL, connector_id TEXT NOT NULL, livemode INTEGER NOT NULL, created BIGINT NOT NULL, payload TEXT NOT NULL, source TEXT NOT NULL, received_at BIGINT NOT NULL)',
  'CREATE INDEX stripe_events_by_received ON stripe_events (received_at, id)',
  'CREATE TABLE runs (id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, variables TEXT NOT NULL, trigger TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, finished_at BIGINT)',
  'CREATE INDEX runs_by_status ON runs (status, id)',
  'CREATE TABLE outbox (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, run_id TEXT, step_path TEXT, transport TEXT NOT NULL, status TEXT NOT NULL, from_address TEXT NOT NULL, to_addresses TEXT NOT NULL, cc_addresses TEXT NOT NULL, subject TEXT NOT NULL, text_body TEXT NOT NULL, html_body TEXT NOT NULL, created_at BIGINT NOT NULL)',
  'CREATE UNIQUE INDEX outbox_by_message_id ON outbox (message_id)',
  'CREATE INDEX outbox_by_run ON outbox (run_id, id)',
];
const TO = JSON.stringify(['pat@example.com']);

function sqliteCommit(file: string): Commit {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  for (const statement of TABLES) database.exec(statement);
  const event = database.prepare("INSERT INTO stripe_events VALUES (?, ?, 'stripe', 0, ?, ?, 'webhook', ?)");
  const run = database.prepare("INSERT INTO runs VALUES (?, 'personalize-orders', 1, 'succeeded', '{}', ?, ?, ?, ?)");
  const mail = database.prepare("INSERT INTO outbox VALUES (?, ?, ?, 'email_team', 'outbox', 'sent', 'tollgate@localhost', ?, '[]', ?, ?, '', ?)");
  const commit = database.transaction((batch: readonly FloorRows[]) => {
    for (const rows of batch) {
      event.run(rows.event.id, rows.event.type, rows.event.created, rows.event.payload, rows.at);
      run.run(rows.runId, JSON.stringify({ event: rows.event.id }), rows.at, rows.at, rows.at);
      mail.run(randomUUID(), `<${rows.runId}@tollgate>`, rows.runId, TO, rows.mail.subject, rows.mail.body, rows.at);
    }
  });
  return (batch) => Promise.resolve(commit(batch));
}

async function postgresCommit(url: string): Promise<Commit> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const statement of TABLES) await client.query(statement);
  // One statement, so one round trip and one commit for the whole batch.
  const insert = `WITH e AS (INSERT INTO stripe_events SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::bigint[])),
    r AS (INSERT INTO runs SELECT * FROM unnest($9::text[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $8::bigint[], $8::bigint[], $8::bigint[]))
    INSERT INTO outbox SELECT * FROM unnest($15::text[], $16::text[], $9::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $8::bigint[])`;
  return async (batch) => {
    const each = <T>(value: (rows: FloorRows) => T) => batch.map(value);
    const constant = <T>(value: T) => batch.map(() => value);
    await client.query(insert, [
      each((rows) => rows.event.id),
      each((rows) => rows.event.type),
      constant('stripe'),
      constant(0),
      each((rows) => rows.event.created),
      each((rows) => rows.event.payload),
      constant('webhook'),
      each((rows) => rows.at),
      each((rows) => rows.runId),
      constant('personalize-orders'),
      constant(1),
      constant('succeeded'),
      constant('{}'),
      each((rows) => JSON.stringify({ event: rows.event.id })),
      each(() => randomUUID()),
      each((rows) => `<${rows.runId}@tollgate>`),
      constant('email_team'),
      constant('outbox'),
      constant('sent'),
      constant('tollgate@localhost'),
      constant(TO),
      constant('[]'),
      each((rows) => rows.mail.subject),
      each((rows) => rows.mail.body),
      constant(''),
    ]);
  };
}

/** Queues rows and commits every batch that gathered while the previous commit ran. */
function groupCommitter(commit: Commit): (rows: FloorRows) => Promise<void> {
  let pending: { rows: FloorRows; done: (error?: Error) => void }[] = [];
  let committing = false;
  const flush = async () => {
    committing = true;
    // Let the requests that arrived meanwhile join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await commit(batch.map((entry) => entry.rows));
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error instanceof Error ? error : new Error(String(error)));
      }
    }
    committing = false;
  };
  return (rows) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ rows, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!committing) void flush();
    });
}

const { DIALECT = 'sqlite', SQLITE_FILE = '', DATABASE_URL = '', SECRET = '' } = process.env;
const enqueue = groupCommitter(DIALECT === 'postgres' ? await postgresCommit(DATABASE_URL) : sqliteCommit(SQLITE_FILE));
const server = Fastify({ logger: false });
server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
server.post('/webhooks/stripe/stripe', async (request, reply) => {
  const rawBody = typeof request.body === 'string' ? request.body : '';
  const header = request.headers['stripe-signature'];
  const event = verifyStripeSignature({ rawBody, header: typeof header === 'string' ? header : undefined, secrets: [SECRET], toleranceSeconds: 300 });
  const object = event.data.object as { id: string; customer: string; amount: number };
  const runId = randomUUID();
  await enqueue({
    event: { id: event.id, type: event.type, created: event.created, payload: rawBody },
    runId,
    mail: { subject: `Handwritten note for order ${object.id}`, body: `Please add a handwritten thank-you note before shipping.\nCustomer ID: ${object.customer}\nAmount: ${object.amount}` },
    at: Date.now(),
  });
  return reply.send({ runs: [runId] });
});
console.log(`floor listening at ${await server.listen({ host: '127.0.0.1', port: 0 })}`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
