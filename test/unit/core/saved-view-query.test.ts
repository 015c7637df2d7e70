import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedViewQueryIssues } from '../../../src/core/saved-view-query.ts';

const messages = (page: Parameters<typeof savedViewQueryIssues>[0], query: string) => savedViewQueryIssues(page, query, 'body.query').map((issue) => issue.message);

test('a query string as a page writes it passes: encoded values, + for a space, JSON-quoted ids, none at all', () => {
  assert.deepEqual(messages('runs', ''), []);
  assert.deepEqual(messages('runs', 'workflow=%22123%22&status=failed&from=2026-03-01T10%3A00'), []);
  assert.deepEqual(messages('events', 'type=charge.refunded&object=cus+N4'), []);
  assert.deepEqual(messages('approvals', 'view=all&sort=amount&team=finance'), []);
});

test('every problem is reported, each with the path and what to do', () => {
  assert.deepEqual(messages('requests', 'view=mine&color=red&status=open&status=failed&service='), [
    'body.query: "view" must be "all" or left out, not "mine"',
    'body.query: the requests page has no filter "color"; its filters are view, status, service, offering, within, from, to',
    'body.query: "status" is given twice; a page keeps one value per filter',
    'body.query: "service" has no value; leave the filter out instead',
  ]);
  assert.deepEqual(messages('runs', 'status'), ['body.query: pair 1 ("status") is not key=value']);
  assert.deepEqual(messages('runs', 'status=failed&'), ['body.query: pair 2 ("") is not key=value']);
  assert.match(messages('runs', 'workflow=%FF')[0] ?? '', /not URL-encoded/, 'an escape that is not UTF-8');
  assert.match(messages('runs', 'workflow=a#b')[0] ?? '', /no "#"/);
  assert.match(messages('runs', 'x'.repeat(2001))[0] ?? '', /2001 characters is more than a view keeps \(2000\)/);
  assert.match(messages('runs', '%73tatus=failed&status=waiting')[0] ?? '', /given twice/, 'keys compare decoded');
});

test('a relative window is one of its values, and is given instead of absolute times, not with them', () => {
  for (const within of ['1h', '24h', '7d', '30d']) {
    assert.deepEqual(messages('runs', `status=failed&within=${within}`), []);
    assert.deepEqual(messages('events', `within=${within}&type=charge.refunded`), []);
    assert.deepEqual(messages('requests', `view=all&offering=refund&within=${within}`), []);
  }
  assert.deepEqual(messages('runs', 'within=2h'), ['body.query: "within" must be one of 1h, 24h, 7d, 30d, not "2h"']);
  assert.deepEqual(messages('events', 'within=24H'), ['body.query: "within" must be one of 1h, 24h, 7d, 30d, not "24H"']);
  assert.deepEqual(messages('runs', 'within=24h&from=2026-03-01T10%3A00&to=2026-03-02T10%3A00'), ['body.query: "within" cannot be given with "from" or "to"; keep one of them']);
  assert.deepEqual(messages('events', 'to=2026-03-02T10%3A00&within=7d'), ['body.query: "within" cannot be given with "to"; keep one of them']);
  assert.deepEqual(messages('requests', 'within=1d'), ['body.query: "within" must be one of 1h, 24h, 7d, 30d, not "1d"']);
  assert.deepEqual(messages('requests', 'within=7d&from=2026-03-01T10%3A00'), ['body.query: "within" cannot be given with "from"; keep one of them']);
  assert.deepEqual(messages('requests', 'from=2026-03-01T10%3A00&to=2026-03-08T10%3A00'), [], 'absolute times alone');
  assert.deepEqual(messages('approvals', 'within=24h'), ['body.query: the approvals page has no filter "within"; its filters are view, tab, sort, team, workflow']);
});
