// `npm run bench`: prints figures; asserts nothing about time.
import { printTable, type Row } from './bench-support.ts';
import { engineBench } from './engine-bench.ts';
// @ts-expect-error plain JS helper shared with the test script
import { startPostgres } from '../scripts/throwaway-postgres.js';

const runs = Number(process.env.BENCH_RUNS ?? 2000);
const rows: Row[] = [];
rows.push(...(await engineBench({ dialect: 'sqlite', runs })));
const postgres = (await startPostgres({ durable: true })) as { url: string; stop(): Promise<void> };
try {
  rows.push(...(await engineBench({ dialect: 'postgres', databaseUrl: postgres.url, runs })));
} finally {
  await postgres.stop();
}
printTable(`Engine (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on; ${runs} runs at concurrency 64)`, rows);
