// `npm run bench`: prints figures; asserts nothing about time.
// The default run prints issue 13's table (bench/issue-table.ts): `npm run bench -- --parked N` runs P4 and
// `--workers 1,2,4` runs P5 instead; BENCH_SECONDS / BENCH_C1_SECONDS / BENCH_DRAIN_SECONDS set the windows.
// BENCH_ONLY=engine|recipes|foreach|web|backtest runs one of the older workloads instead (BENCH_RUNS /
// BENCH_EVENTS / BENCH_FOREACH_ITEMS / BENCH_PAGE_VISITS / BENCH_BACKTEST_EVENTS set their sizes).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readBenchSettings } from './bench-flags.ts';
import { printTable, type Row } from './bench-support.ts';
import { engineBench } from './engine-bench.ts';
import { foreachBench } from './foreach-bench.ts';
import { issueTable } from './issue-table.ts';
import { recipeBench } from './recipe-bench.ts';
import { backtestBench } from './backtest-bench.ts';
import { bundleRows, pageRows } from './web-bench.ts';
// @ts-expect-error plain JS helper shared with the test script
import { startPostgres } from '../scripts/throwaway-postgres.js';
import { compiledBuildIsFresh } from '../scripts/compiled-build.js';

const settings = readBenchSettings(process.argv.slice(2), process.env);
// bin/tollgate.js runs the sources through tsx when dist/ is older than an edit under src/: ~20 % slower and ~50 MB
// larger than what `npm install` leaves. Measure the compiled server, as users run it.
if (!compiledBuildIsFresh()) {
  console.log('bench: dist/ is older than src/; building it first (npm run build:server)');
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build-server.js', import.meta.url))], { stdio: 'inherit' });
}
const runs = Number(process.env.BENCH_RUNS ?? 2000);
const events = Number(process.env.BENCH_EVENTS ?? 2000);
const foreachItems = Number(process.env.BENCH_FOREACH_ITEMS ?? 1000);
const pageVisits = Number(process.env.BENCH_PAGE_VISITS ?? 10);
const backtestEvents = Number(process.env.BENCH_BACKTEST_EVENTS ?? 10_000);
const only = process.env.BENCH_ONLY;
const postgres = (await startPostgres({ durable: true })) as { url: string; stop(): Promise<void> };
try {
  if (only === undefined) await issueTable(settings, postgres.url);
  if (only === 'engine') {
    const rows: Row[] = [...(await engineBench({ dialect: 'sqlite', runs })), ...(await engineBench({ dialect: 'postgres', databaseUrl: postgres.url, runs }))];
    printTable(`Engine: 4-step workflow (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on; ${runs} runs at concurrency 64)`, rows);
  }
  if (only === 'recipes') {
    const rows: Row[] = [...(await recipeBench({ dialect: 'sqlite', events })), ...(await recipeBench({ dialect: 'postgres', databaseUrl: postgres.url, events }))];
    printTable('Recipe, in process: signed payment_intent.succeeded webhooks -> personalize-orders -> mail in the outbox', rows);
  }
  if (only === 'foreach') {
    const rows: Row[] = [await foreachBench({ dialect: 'sqlite', items: foreachItems }), await foreachBench({ dialect: 'postgres', databaseUrl: postgres.url, items: foreachItems })];
    printTable(`Foreach: one run over ${foreachItems} items (the work per iteration is constant)`, rows);
  }
  if (only === 'backtest') {
    printTable(`Backtest: ${backtestEvents} stored fraud warnings through fraud-warning-refund (simulated reads), on the real engine over a throwaway in-memory store`, [await backtestBench({ dialect: 'sqlite', events: backtestEvents })]);
  }
  if (only === 'web') {
    printTable('Web app: JavaScript files (first load = what index.html loads before any page)', bundleRows());
    printTable(`Web app: navigation to each page's heading in chromium, logged in as admin (${pageVisits} visits each)`, await pageRows(pageVisits));
  }
} finally {
  await postgres.stop();
}
