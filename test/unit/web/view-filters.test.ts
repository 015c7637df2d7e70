import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultParseSearch, defaultStringifySearch } from '@tanstack/react-router';
import { VIEW_PAGE_FILTERS, type NamedThing } from '../../../src/core/saved-view-pages.ts';
import type { SavedView } from '../../../web/src/api/types.ts';
import { parseInboxSearch } from '../../../web/src/features/approvals/inbox-search.ts';
import { parseRunSearch } from '../../../web/src/features/runs/run-search.ts';
import { currentView, filterPairs, sameFilters } from '../../../web/src/ui/saved-views/view-filters.ts';

const view = (id: string, query: string): SavedView => ({ id, page: 'runs', name: id, query, team: null, owner: 'ava@example.com', mine: true, can_change: true, created_at: '', updated_at: '' });
const parseQuery = (query: string) => defaultParseSearch(query);

test('the same filters in another order or encoding are the same view; one more, one less or another value is not', () => {
  assert.ok(sameFilters({ status: 'failed', workflow: 'refund' }, { workflow: 'refund', status: 'failed' }));
  assert.ok(sameFilters({ status: 'failed', from: undefined }, { status: 'failed' }), 'an unset filter is no filter');
  assert.ok(!sameFilters({ status: 'failed' }, { status: 'failed', workflow: 'refund' }));
  assert.ok(!sameFilters({ status: 'failed' }, { status: 'waiting' }));
  assert.ok(sameFilters({}, {}));
});

test('the page names the view whose filters it shows, as the page reads them, and none once they change', () => {
  const views = [view('failed', 'status=failed'), view('refunds', 'workflow=customer-refund&status=failed'), view('all', '')];
  assert.equal(currentView(views, parseRunSearch({ status: 'failed', workflow: 'customer-refund' }), parseRunSearch, parseQuery)?.id, 'refunds');
  assert.equal(currentView(views, parseRunSearch({ status: 'failed' }), parseRunSearch, parseQuery)?.id, 'failed');
  assert.equal(currentView(views, parseRunSearch({}), parseRunSearch, parseQuery)?.id, 'all');
  assert.equal(currentView(views, parseRunSearch({ status: 'waiting' }), parseRunSearch, parseQuery), undefined);
  // Written by the router, read back by it: a numeric-looking id is quoted in the URL and still the same filter.
  const numeric = defaultStringifySearch({ workflow: '123' }).slice(1);
  assert.equal(numeric, 'workflow=%22123%22');
  assert.equal(currentView([view('numeric', numeric)], parseRunSearch({ workflow: '123' }), parseRunSearch, parseQuery)?.id, 'numeric');
  // The inbox reads `tab` only with its own view: a saved `view=all&tab=decided` is "all pending".
  assert.equal(currentView([view('all', 'view=all&tab=decided')], parseInboxSearch({ view: 'all' }), parseInboxSearch, parseQuery)?.id, 'all');
});

/** Titles as the web app has them from the API once loaded; an id it does not know is shown as it is. */
const TITLES: Record<NamedThing, Record<string, string>> = {
  team: { finance: 'Finance Team' },
  workflow: { refund: 'Customer refund' },
  service: { 'customer-success': 'Customer Success' },
  // An offering by its service and id: its id is unique within its service only.
  offering: { 'customer-success/refund-request': 'Refund request', '(any)/refund-request': 'Refund request (any service)' },
};
const titleOf = (thing: NamedThing, id: string, scope: string | undefined) => TITLES[thing][thing === 'offering' ? `${scope ?? '(any)'}/${id}` : id] ?? id;

test("a view's filters for people, by the page's labels and in its order; a team or a workflow by its title", () => {
  assert.deepEqual(filterPairs({ status: 'failed', workflow: 'refund' }, VIEW_PAGE_FILTERS.runs, titleOf), [
    { key: 'workflow', label: 'Workflow', value: 'Customer refund' },
    { key: 'status', label: 'Status', value: 'Failed' },
  ]);
  assert.deepEqual(filterPairs({ view: 'all', team: 'finance', workflow: 'gone' }, VIEW_PAGE_FILTERS.approvals, titleOf), [
    { key: 'view', label: 'Whose tasks', value: 'All pending' },
    { key: 'team', label: 'Team', value: 'Finance Team' },
    { key: 'workflow', label: 'Workflow', value: 'gone' },
  ]);
  assert.deepEqual(filterPairs({ object: 123 }, VIEW_PAGE_FILTERS.events, titleOf), [{ key: 'object', label: 'Stripe object', value: '123' }]);
  assert.deepEqual(filterPairs({ offering: 'refund-request', view: 'all', service: 'customer-success' }, VIEW_PAGE_FILTERS.requests, titleOf), [
    { key: 'view', label: 'Whose', value: 'Everyone’s' },
    { key: 'service', label: 'Service', value: 'Customer Success' },
    { key: 'offering', label: 'Offering', value: 'Refund request' },
  ]);
  assert.deepEqual(filterPairs({ offering: 'refund-request' }, VIEW_PAGE_FILTERS.requests, titleOf), [{ key: 'offering', label: 'Offering', value: 'Refund request (any service)' }], 'without its service: the offering of that id in any');
  assert.deepEqual(filterPairs({ service: 'gone', offering: 'refund-request' }, VIEW_PAGE_FILTERS.requests, titleOf), [
    { key: 'service', label: 'Service', value: 'gone' },
    { key: 'offering', label: 'Offering', value: 'refund-request' },
  ]);
});
