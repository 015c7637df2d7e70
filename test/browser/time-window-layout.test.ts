/**
 * The Custom time window's two fields (ui/time-window-fields.tsx) on the Runs and Events filters: on a phone each
 * takes the filter column's width and lies within the screen; on a laptop, Events keeps its two time fields and
 * "Clear filters" on the one row of its filters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { logIn, newPage, screenshot, sidewaysOverflow, VIEWPORTS, type ViewportName } from './support/browser.ts';
import { tollgateInBrowser } from './support/browser-tollgate.ts';

const suite = tollgateInBrowser({ examples: false });

const PAGES = [
  { path: '/runs', form: 'Filter runs', choice: 'Started', from: 'Started from', to: 'Started before', shot: 'runs-time-custom-fields' },
  { path: '/events', form: 'Filter events', choice: 'Received', from: 'Received from', to: 'Received before', shot: 'events-time-custom-fields' },
] as const;

async function signedIn(viewport: ViewportName): Promise<Page> {
  const page = await newPage(suite.browser, suite.tollgate.url, viewport);
  await logIn(page, suite.tollgate.admin.email, suite.tollgate.admin.password);
  return page;
}

/** `locator`'s box on the page; fails the test when it is not laid out. */
async function box(locator: Locator, what: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  assert.ok(found !== null, `${what} is laid out`);
  return found;
}

/** Opens the page's filters with Custom picked, both times shown; answers the filters' form. */
async function customPicked(page: Page, { path, form, choice, from }: (typeof PAGES)[number]): Promise<Locator> {
  await page.goto(path);
  const filters = page.getByRole('form', { name: form });
  await filters.getByLabel(choice, { exact: true }).selectOption({ label: 'Custom' });
  await filters.getByLabel(from).waitFor();
  return filters;
}

void test('on a phone, Custom’s from and before fields each take the filter column’s width and lie within the screen', async () => {
  const page = await signedIn('phone');
  const screen = VIEWPORTS.phone.width;
  for (const spec of PAGES) {
    const filters = await customPicked(page, spec);
    // The form has no padding: its box is the filter column.
    const column = await box(filters, `the ${spec.path} filters`);
    for (const label of [spec.from, spec.to]) {
      const field = await box(filters.getByLabel(label), label);
      assert.ok(field.x >= 0 && field.x + field.width <= screen, `${spec.path}: ${label} lies within the ${screen}px screen: ${JSON.stringify(field)}`);
      // The column's whole width, not a fixed one that leaves a gap beside it or crowds it.
      assert.ok(Math.abs(field.x - column.x) <= 1 && Math.abs(field.width - column.width) <= 1, `${spec.path}: ${label} takes the filter column's width: ${JSON.stringify({ field, column })}`);
    }
    assert.equal(await sidewaysOverflow(page), 0, `${spec.path}: nothing sticks out sideways`);
    await screenshot(page, spec.shot);
  }
  await page.context().close();
});

void test('on a laptop, Events keeps both time fields and "Clear filters" on the filters’ one row', async () => {
  const page = await signedIn('desktop');
  for (const spec of PAGES) {
    const filters = await customPicked(page, spec);
    if (spec.path === '/events') {
      // A time set, so "Clear filters" shows beside the fields.
      await filters.getByLabel(spec.from).fill('2026-03-01T10:00');
      await page.waitForURL((url) => url.searchParams.get('from') === '2026-03-01T10:00');
      const row = await box(filters.getByLabel(spec.choice, { exact: true }), spec.choice);
      const clear = await box(filters.getByRole('button', { name: 'Clear filters' }), 'Clear filters');
      for (const [what, found] of [
        [spec.from, await box(filters.getByLabel(spec.from), spec.from)],
        [spec.to, await box(filters.getByLabel(spec.to), spec.to)],
        ['Clear filters', clear],
      ] as const) {
        // On the row: its middle within the height of the time choice's select.
        const middle = found.y + found.height / 2;
        assert.ok(middle > row.y && middle < row.y + row.height, `${what} is on the filters' row: ${JSON.stringify({ found, row })}`);
      }
    }
    await screenshot(page, spec.shot);
  }
  await page.context().close();
});
