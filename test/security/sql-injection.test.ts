/**
 * SQL injection in every filter: each query and path parameter of every GET
 * route, read from the OpenAPI document (so it follows the routes' schemas),
 * gets injection strings. The answer is a refusal (400), not found (404) or a
 * list with nothing in it, never a 500; and afterwards every table is still
 * there with the same rows.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { bearer, userWithKey } from '../server/identity-fixtures.ts';
import { startSecurityApi, type SecurityApi } from './security-harness.ts';

const INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '"; DROP TABLE runs; --',
  "'; DROP TABLE events; --",
  "%' UNION SELECT id, email, password_hash FROM users --",
  "run_x') OR ('1'='1",
  '1; DELETE FROM runs',
  '\\\'; DELETE FROM workflows; --',
  '%',
  '_',
];

const SEED = `
kind: Workflow
id: seeded
trigger:
  type: manual
  input: [{ key: amount, type: number, required: true }]
steps:
  - { id: done, type: end, outcome: Done }
`;

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

/** `/api/v1/runs/{id}` with each path parameter set, the one under test to `value`. */
function urlWith(path: string, parameter: Parameter, value: string): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => (parameter.in === 'path' && name === parameter.name ? encodeURIComponent(value) : 'seeded'));
  return parameter.in === 'query' ? `${filled}?${new URLSearchParams({ [parameter.name]: value }).toString()}` : filled;
}

/** Paging parameters: a cursor is a position, not a filter, so it may list what a first page lists. */
const PAGING = new Set(['cursor']);

/** The lists in an answer: top-level arrays of objects (the items a filter selects). */
function listedItems(body: unknown): unknown[] {
  if (typeof body !== 'object' || body === null) return [];
  return Object.values(body).flatMap((value: unknown) => (Array.isArray(value) ? (value as unknown[]).filter((item) => typeof item === 'object' && item !== null) : []));
}

void describe('SQL injection in every filter', () => {
  let api: SecurityApi;
  let key: string;

  const tableCounts = async (): Promise<Record<string, number>> => {
    const db = inspectDatabase(api.t.system.store);
    const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const row = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)}`.execute(db);
      counts[table] = Number(row.rows[0]?.count);
    }
    return counts;
  };

  before(async () => {
    api = await startSecurityApi();
    key = (await userWithKey(api.t.system.app, 'admin@example.com', ['admin'])).key;
    await api.t.apply(SEED);
    for (const amount of [5, 50]) {
      const started = await api.call({ method: 'POST', url: '/api/v1/workflows/seeded/runs', headers: bearer(key), payload: { input: { amount } } });
      assert.equal(started.status, 202, started.text);
    }
    await api.t.settle();
    const event = { id: 'evt_seeded', object: 'event', type: 'charge.refunded', livemode: false, created: 1_700_000_000, data: { object: { id: 'ch_seeded', object: 'charge' } } };
    await api.t.system.app.stripeIntake.accept(event, { connectorId: 'stripe', source: 'poll' });
  });
  after(() => api.close());

  void it('every GET parameter and the webhook URLs with injection strings: 400, 404 or an empty list, never a 500; the tables keep their rows', async () => {
    const document = (await api.call({ method: 'GET', url: '/api/v1/openapi.json' })).body as unknown as OpenApi;
    const before = await tableCounts();
    assert.ok((before.runs ?? 0) >= 2 && (before.stripe_events ?? 0) >= 1, `seeded: ${JSON.stringify(before)}`);
    const tried = new Set<string>();
    const wrong: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const parameter of operations.get?.parameters ?? []) {
        if (parameter.in === 'header') continue;
        tried.add(`${path} ${parameter.in}.${parameter.name}`);
        for (const injection of INJECTIONS) {
          const url = urlWith(path, parameter, injection);
          const answer = await api.call({ method: 'GET', url, headers: bearer(key) });
          const items = answer.status === 200 && !PAGING.has(parameter.name) ? listedItems(answer.body) : [];
          // 403: a coded refusal to act for someone else (`as`), never for lack of credentials.
          if (![200, 400, 403, 404].includes(answer.status) || items.length > 0) wrong.push(`GET ${url}: ${answer.status}, ${items.length} item(s) ${answer.text.slice(0, 160)}`);
        }
      }
    }
    for (const filter of ['/api/v1/runs query.workflow', '/api/v1/runs query.status', '/api/v1/events query.type', '/api/v1/approvals query.status', '/api/v1/outbox query.run', '/api/v1/requests query.status']) {
      assert.ok(tried.has(filter), `${filter} was tried (tried: ${[...tried].join(', ')})`);
    }
    for (const url of ['/webhooks/workflows/', '/webhooks/stripe/']) {
      for (const injection of INJECTIONS) {
        const answer = await api.call({ method: 'POST', url: `${url}${encodeURIComponent(injection)}`, headers: { 'content-type': 'application/json' }, payload: '{}' });
        if (![400, 404].includes(answer.status)) wrong.push(`POST ${url}${injection}: ${answer.status} ${answer.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(wrong, []);
    // The same filters with real values do list things: an empty answer above is the filter working, not a broken list.
    for (const [url, count] of [['/api/v1/runs?workflow=seeded', 2], ['/api/v1/events?type=charge.refunded', 1]] as const) {
      assert.equal(listedItems((await api.call({ method: 'GET', url, headers: bearer(key) })).body).length, count, url);
    }
    assert.deepEqual(await tableCounts(), before, 'every table is there with the rows it had');
  });
});
