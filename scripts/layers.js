// The layers of src/: each folder, what it holds, and the folders it may import (an allow-list: whatever a
// folder does not list, it may not import). eslint.config.js builds its boundaries rules from this table,
// docs/architecture.md shows it, and test/unit/lint-boundaries.test.ts checks both against it.

/** Bottom-up: a folder imports only folders listed before it, so the folders have no cycle (types: layers.d.ts). */
export const LAYERS = [
  { folder: 'core', holds: 'the shared vocabulary: ids, errors, statuses, roles, clock, logger', imports: [] },
  { folder: 'expression', holds: 'the expression language: templates, conditions, money helpers', imports: ['core'] },
  { folder: 'sandbox', holds: 'the Stripe sandbox: a stand-in Stripe API and its webhooks, for tests and trials', imports: ['core'] },
  { folder: 'definition', holds: 'workflow definitions: schema, parsing, validation, operation specs', imports: ['core', 'expression'] },
  { folder: 'store', holds: 'persistence: the Store interface, its SQL implementation, migrations, drivers', imports: ['core', 'expression', 'definition'] },
  { folder: 'identity', holds: 'users, teams, API keys, permissions', imports: ['core', 'store'] },
  { folder: 'engine', holds: 'the durable run engine: worker, steps, journal', imports: ['core', 'expression', 'definition', 'store', 'identity'] },
  { folder: 'approvals', holds: 'approval decisions and quorum', imports: ['core', 'expression', 'definition', 'store', 'identity'] },
  { folder: 'connectors', holds: 'operations an action step calls: Stripe, HTTP, webhook, email', imports: ['core', 'expression', 'definition', 'engine'] },
  { folder: 'triggers', holds: 'what starts runs: Stripe events, schedules', imports: ['core', 'expression', 'definition', 'store', 'engine'] },
  { folder: 'catalog', holds: 'the request catalog: offerings and their forms', imports: ['core', 'expression', 'definition', 'store', 'identity', 'engine', 'approvals'] },
  {
    folder: 'reference',
    holds: 'the reference docs generated from the code',
    imports: ['core', 'expression', 'definition', 'sandbox', 'engine', 'connectors', 'triggers'],
  },
  {
    folder: 'application',
    holds: 'use cases the server and the CLI share',
    imports: ['core', 'expression', 'definition', 'store', 'identity', 'engine', 'approvals', 'connectors', 'triggers', 'catalog'],
  },
  {
    folder: 'simulation',
    holds: 'previews and backtests: runs against a throwaway store and simulated operations',
    imports: ['core', 'expression', 'definition', 'sandbox', 'store', 'engine', 'connectors', 'triggers', 'application'],
  },
  {
    folder: 'server',
    holds: 'the HTTP API (Fastify): routes, schemas, auth',
    imports: ['core', 'expression', 'definition', 'store', 'identity', 'approvals', 'triggers', 'catalog', 'reference', 'application', 'simulation'],
  },
  {
    folder: 'system',
    holds: 'assembly: config, opening the database, wiring workers, server and pollers',
    imports: ['core', 'expression', 'definition', 'sandbox', 'store', 'identity', 'engine', 'approvals', 'connectors', 'triggers', 'catalog', 'reference', 'application', 'simulation', 'server'],
  },
  {
    folder: 'cli',
    holds: 'the `tollgate` command line',
    imports: ['core', 'expression', 'definition', 'sandbox', 'identity', 'engine', 'connectors', 'reference', 'application', 'system'],
  },
];

/** The store's own machinery: drivers, SqlStore, queries. Other layers use the Store interface and records. */
export const STORE_INTERNALS = ['src/store/sqlite/**', 'src/store/postgres/**', 'src/store/sql-store*', 'src/store/*-queries*', 'src/store/open-store*'];

/** Layers that may reach the store's internals: read models, the simulation's own store, and assembly. */
export const STORE_INTERNALS_USERS = ['application', 'simulation', 'system'];

/** A raw-database accessor for tests and benchmarks; nothing in src/ may use it. */
export const STORE_INSPECT = 'src/store/inspect.ts';

/** npm packages only one layer may import. */
export const PACKAGE_OWNERS = [
  { packages: ['kysely', 'kysely/**', 'pg', 'pg/**', 'better-sqlite3'], owner: 'store', why: 'only src/store talks to the database' },
  { packages: ['fastify', 'fastify/**', '@fastify/*'], owner: 'server', why: 'only src/server speaks HTTP as a server' },
  { packages: ['@opentelemetry/*'], owner: 'system', why: 'the rest trace through core/tracing.ts, whatever exports the spans' },
];

/** What the web app (web/src) may import from src/: pure helpers, and the server's schema types with `import type`. */
export const WEB_IMPORTS = { values: ['core', 'expression', 'definition'], types: ['server'] };

/** The layer table as docs/architecture.md shows it, top layer first. */
export function layerTableMarkdown() {
  const rows = [...LAYERS].reverse().map(({ folder, holds, imports }) => `| \`${folder}\` | ${holds} | ${imports.map((name) => `\`${name}\``).join(', ') || 'nothing'} |`);
  return ['| folder | holds | may import |', '| --- | --- | --- |', ...rows].join('\n');
}
