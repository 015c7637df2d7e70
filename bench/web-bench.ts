/**
 * The web app: what a first visit downloads (the chunks index.html loads, gzipped) and how long
 * chromium takes to show each main page against a `tollgate start` on SQLite with the examples.
 * Figures only; the size budget is checked by test/browser/first-load-size.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../test/cli/cli-process.ts';
import { launchBrowser, logIn, newPage } from '../test/browser/support/browser.ts';
import { startTollgate } from '../test/browser/support/browser-tollgate.ts';
import { percentile, round, type Row } from './bench-support.ts';

const ASSETS = join(REPO_ROOT, 'web', 'dist', 'assets');
const PAGES = ['/', '/approvals', '/catalog', '/runs', '/workflows', '/events', '/settings'];

/** Every built JavaScript file, its size raw and gzipped, and whether index.html loads it first. */
export function bundleRows(): Row[] {
  const html = readFileSync(join(REPO_ROOT, 'web', 'dist', 'index.html'), 'utf8');
  return readdirSync(ASSETS)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const bytes = readFileSync(join(ASSETS, name));
      return { file: name, first_load: html.includes(name) ? 'yes' : 'on demand', kb: round(bytes.length / 1024), kb_gzip: round(gzipSync(bytes).length / 1024) };
    })
    .sort((a, b) => b.kb_gzip - a.kb_gzip);
}

/** Milliseconds from navigation to the page's heading, for each main page, `visits` times each. */
export async function pageRows(visits: number): Promise<Row[]> {
  const [tollgate, browser] = await Promise.all([startTollgate(), launchBrowser()]);
  try {
    const page = await newPage(browser, tollgate.url);
    await logIn(page, tollgate.admin.email, tollgate.admin.password);
    const rows: Row[] = [];
    for (const path of PAGES) {
      const times: number[] = [];
      for (let visit = 0; visit < visits; visit += 1) {
        const started = performance.now();
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await page.locator('.state.loading').first().waitFor({ state: 'detached' });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      rows.push({ page: path, visits, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)) });
    }
    return rows;
  } finally {
    await browser.close();
    await tollgate.stop();
  }
}
