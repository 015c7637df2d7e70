/**
 * GET /requests narrowed to when requests were submitted, as GET /runs is to when runs started:
 * `created_after` included, `created_before` not, ISO 8601 times refused at the parameter otherwise;
 * every shape of the listing reads an index in its order (migration 0028). Both dialects.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { RequestStatus } from '../../src/core/statuses.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { requestPageQuery, type RequestFilter } from '../../src/store/request-list-query.ts';
import { queryPlan } from '../support/query-plan.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';

interface RequestPage {
  requests: RequestBody[];
  next_cursor: string | null;
}

const DAY = 86_400_000;

async function submitAt(api: ApiHarness, clock: ManualClock, at: string, offering: 'refund' | 'quick-note'): Promise<string> {
  clock.set(new Date(at));
  const values = offering === 'refund' ? GOOD_REFUND : { note: at };
  const answer = await api.post<{ request: RequestBody }>(`/api/v1/catalog/offerings/${offering}/requests`, { values, requester: 'riley@example.com' });
  assert.equal(answer.status, 201, answer.text);
  return answer.body.request.id;
}

async function listed(api: ApiHarness, query: string): Promise<string[]> {
  const answer = await api.get<RequestPage>(`/api/v1/requests?${query}`);
  assert.equal(answer.status, 200, answer.text);
  return answer.body.requests.map((request) => request.id);
}

test('requests filter by when they were submitted: created_after included, created_before not, with the other filters and across pages', async () => {
  const clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
  const api = await startApi({ clock });
  try {
    assert.equal((await api.postYaml('/api/v1/apply', CATALOG_YAML)).status, 200);
    const feb = await submitAt(api, clock, '2026-02-28T23:59:59.999Z', 'refund');
    const marStart = await submitAt(api, clock, '2026-03-01T00:00:00.000Z', 'refund');
    const marNote = await submitAt(api, clock, '2026-03-01T12:00:00.000Z', 'quick-note');
    const marEnd = await submitAt(api, clock, '2026-03-02T00:00:00.000Z', 'refund');

    const march1 = 'created_after=2026-03-01T00:00:00Z&created_before=2026-03-02T00:00:00Z';
    assert.deepEqual(await listed(api, march1), [marNote, marStart], 'the first instant counts, the last does not');
    assert.deepEqual(await listed(api, `${march1}&offering=refund`), [marStart], 'with an offering too');
    assert.deepEqual(await listed(api, `${march1}&service=customer-success&requester=riley@example.com`), [marNote, marStart], 'with a service and a requester');
    assert.deepEqual(await listed(api, 'created_after=2026-03-01T12:00:00%2B01:00'), [marEnd, marNote], 'an offset is read as written');
    assert.deepEqual(await listed(api, 'created_before=2026-03-01T00:00:00Z'), [feb]);
    assert.deepEqual(await listed(api, 'created_after=2026-03-01T00:00:00.000Z&offering=refund&mine=true&as=riley@example.com'), [marEnd, marStart], "one's own, in the window");

    const first = await api.get<RequestPage>(`/api/v1/requests?${march1}&limit=1`);
    assert.equal(first.status, 200, first.text);
    const rest = await listed(api, `${march1}&limit=1&cursor=${encodeURIComponent(first.body.next_cursor ?? '')}`);
    assert.deepEqual([...first.body.requests.map((request) => request.id), ...rest], [marNote, marStart], 'pages keep the window');
  } finally {
    await api.close();
  }
});

test('a request moved back in time in the store leaves "the last 24 hours" and is listed by when it was submitted', async () => {
  const clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
  const api = await startApi({ clock });
  try {
    assert.equal((await api.postYaml('/api/v1/apply', CATALOG_YAML)).status, 200);
    const older = await submitAt(api, clock, '2026-03-10T08:00:00Z', 'refund');
    const moved = await submitAt(api, clock, '2026-03-10T10:00:00Z', 'refund');
    const fresh = await submitAt(api, clock, '2026-03-10T11:00:00Z', 'refund');
    const now = Date.parse('2026-03-10T12:00:00Z');
    const last24h = `created_after=${new Date(now - DAY).toISOString()}`;
    assert.deepEqual(await listed(api, last24h), [fresh, moved, older], 'all three were submitted today');

    // Its id still says 10:00 today; only the submission time tells it is three days old.
    await inspectDatabase(api.t.system.store).updateTable('requests').set({ created_at: now - 3 * DAY }).where('id', '=', moved).execute();
    assert.deepEqual(await listed(api, last24h), [fresh, older], 'it is no longer in the last 24 hours');
    assert.deepEqual(await listed(api, `created_before=${new Date(now - DAY).toISOString()}`), [moved], 'it is before them');
    assert.deepEqual(await listed(api, 'offering=refund'), [fresh, older, moved], 'unfiltered, it is listed where its submission puts it: last');
    const first = await api.get<RequestPage>('/api/v1/requests?offering=refund&limit=2');
    assert.deepEqual(first.body.requests.map((request) => request.id), [fresh, older]);
    assert.deepEqual(await listed(api, `offering=refund&limit=2&cursor=${first.body.next_cursor ?? ''}`), [moved], 'the next page goes on from there');
  } finally {
    await api.close();
  }
});

test('a bad time, a window that ends before it starts, or a cursor no page gave is refused with the parameter at fault', async () => {
  const api = await startApi();
  try {
    const refusals: [query: string, path: string, message: RegExp][] = [
      ['created_after=yesterday', 'query.created_after', /created_after/],
      ['created_after=24h', 'query.created_after', /created_after/],
      ['created_before=2026-03-01', 'query.created_before', /created_before/],
      // No zone: which instant it means would depend on the server's.
      ['created_after=2026-03-01T10:00:00', 'query.created_after', /created_after/],
      ['created_after=2026-03-02T00:00:00Z&created_before=2026-03-01T00:00:00Z', 'created_before', /created_before 2026-03-01T00:00:00\.000Z is not after created_after 2026-03-02T00:00:00\.000Z/],
      ['created_after=2026-03-01T00:00:00Z&created_before=2026-03-01T01:00:00%2B01:00', 'created_before', /is not after created_after/],
      ['cursor=req_nope', 'cursor', /cursor "req_nope" is not one this API gave/],
    ];
    for (const [query, path, message] of refusals) {
      const answer = await api.get<ErrorBody>(`/api/v1/requests?${query}`);
      assert.equal(answer.status, 400, `${query}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'request_invalid', query);
      assert.equal(answer.body.error.path, path, query);
      assert.match(answer.body.error.message, message, query);
    }
  } finally {
    await api.close();
  }
});

test('each shape of the requests listing walks an index in its order (no sort of every matching row), a window as its range', async () => {
  const api = await startApi();
  try {
    const after = { createdAt: Date.parse('2026-03-01T10:00:00Z'), id: 'req_0abc' };
    const since = new Date('2026-03-01T00:00:00Z');
    const until = new Date('2026-03-08T00:00:00Z');
    const shapes: { filter: RequestFilter; index: string }[] = [
      { filter: { limit: 51 }, index: 'requests_by_created' },
      { filter: { createdAfter: since, limit: 51 }, index: 'requests_by_created' },
      { filter: { createdAfter: since, createdBefore: until, after, limit: 51 }, index: 'requests_by_created' },
      { filter: { status: RequestStatus.open, serviceId: 'customer-success', offeringId: 'refund', createdAfter: since, limit: 51 }, index: 'requests_by_created' },
      { filter: { requester: 'riley@example.com', limit: 51 }, index: 'requests_by_requester' },
      { filter: { requester: 'riley@example.com', createdAfter: since, after, limit: 51 }, index: 'requests_by_requester' },
    ];
    for (const { filter, index } of shapes) {
      const plan = await queryPlan(api.t.system.store, api.t.database.dialect, requestPageQuery(inspectDatabase(api.t.system.store), filter).compile());
      assert.match(plan, new RegExp(`\\b${index}\\b`), `${JSON.stringify(filter)} reads ${index}:\n${plan}`);
      assert.doesNotMatch(plan, /TEMP B-TREE|\bSort\b/, `${JSON.stringify(filter)} sorts:\n${plan}`);
      // The window is where the index is entered, not a filter of every row it walks from the newest.
      const seek = api.t.database.dialect === 'sqlite' ? /\(.*created_at>\?.*\)/ : /Index Cond: .*created_at >= /;
      if (filter.createdAfter !== undefined) assert.match(plan, seek, `${JSON.stringify(filter)} seeks the window:\n${plan}`);
    }
  } finally {
    await api.close();
  }
});
