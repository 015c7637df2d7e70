/**
 * The filters each page keeps in its URL are the ones the API lets a saved view hold (core/saved-view-pages.ts):
 * every key the core lists for a page survives the page's own reading of its URL, every choice's values do, and
 * what the core does not list does not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VIEW_PAGES, VIEW_PAGE_FILTERS, type ViewPage } from '../../../src/core/saved-view-pages.ts';
import { parseInboxSearch } from '../../../web/src/features/approvals/inbox-search.ts';
import { parseRequestSearch } from '../../../web/src/features/catalog/request-search.ts';
import { parseEventSearch } from '../../../web/src/features/events/event-search.ts';
import { parseRunSearch } from '../../../web/src/features/runs/run-search.ts';

const READERS: Record<ViewPage, (search: Record<string, unknown>) => object> = {
  approvals: parseInboxSearch,
  runs: parseRunSearch,
  requests: parseRequestSearch,
  events: parseEventSearch,
};

/** A value the page would write for a filter that is not a choice. */
const sample = (key: string) => (key === 'from' || key === 'to' ? '2026-03-01T10:00' : 'customer-refund');

test('each page keeps every filter the API allows its views, alone, with each of its values', () => {
  for (const page of VIEW_PAGES) {
    for (const filter of VIEW_PAGE_FILTERS[page]) {
      for (const value of filter.choices?.map((choice) => choice.value) ?? [sample(filter.key)]) {
        assert.deepEqual(READERS[page]({ [filter.key]: value }), { [filter.key]: value }, `${page} keeps ${filter.key}=${value}`);
      }
      if (filter.choices !== undefined) assert.deepEqual(READERS[page]({ [filter.key]: 'not-a-choice' }), {}, `${page} drops ${filter.key}=not-a-choice`);
    }
  }
});

test('no page keeps a filter the API would refuse in a view', () => {
  const every = [...new Set(VIEW_PAGES.flatMap((page) => VIEW_PAGE_FILTERS[page].map((filter) => filter.key))), 'cursor', 'limit', 'q', 'page', 'mine'];
  for (const page of VIEW_PAGES) {
    const allowed = new Set(VIEW_PAGE_FILTERS[page].map((filter) => filter.key));
    for (const key of every.filter((candidate) => !allowed.has(candidate))) {
      assert.deepEqual(READERS[page]({ [key]: sample(key) }), {}, `${page} has no filter ${key}`);
    }
  }
});

test('a page with a relative window reads it instead of absolute times, as the API refuses both in a view', () => {
  assert.deepEqual(parseRunSearch({ status: 'failed', within: '24h', from: '2026-03-01T10:00', to: '2026-03-02T10:00' }), { status: 'failed', within: '24h' });
  assert.deepEqual(parseEventSearch({ within: '7d', from: '2026-03-01T10:00' }), { within: '7d' });
  assert.deepEqual(parseRequestSearch({ view: 'all', within: '7d', to: '2026-03-01T10:00' }), { view: 'all', within: '7d' });
  assert.deepEqual(parseRunSearch({ within: '2h', from: '2026-03-01T10:00' }), { from: '2026-03-01T10:00' }, 'a window not offered is dropped, the time kept');
});
