/**
 * Planted imports for the layer lint (test/unit/lint-boundaries.test.ts): each is linted as if it were
 * the file `file`, with the project's eslint.config.js. They are strings, so `npx eslint .` never sees
 * them as imports of this file. Every relative import names a file that exists (the test checks), so a
 * rejection is the layer rule speaking, not a missing file.
 */
export interface PlantedImport {
  /** The path the code is linted at, from the repository root. */
  file: string;
  code: string;
  /** What the lint is defending, for the failure message. */
  why: string;
}

/** Each must be reported by boundaries/dependencies (or boundaries/no-unknown-files). */
export const REJECTED: readonly PlantedImport[] = [
  { file: 'src/core/planted.ts', code: "import { parseMoney } from '../expression/money.ts';", why: 'core imports nothing of Tollgate' },
  { file: 'src/expression/planted.ts', code: "import type { Workflow } from '../definition/index.ts';", why: 'the expression language knows nothing of definitions' },
  { file: 'src/definition/planted.ts', code: "import type { Store } from '../store/store.ts';", why: 'definitions know nothing of the store' },
  { file: 'src/store/planted.ts', code: "import { Worker } from '../engine/worker.ts';", why: 'the store knows nothing of the engine' },
  { file: 'src/store/planted.ts', code: "import { permissionsOf } from '../identity/permissions.ts';", why: 'the store knows nothing of identity (the old store → identity → store cycle)' },
  { file: 'src/sandbox/planted.ts', code: "import type { Store } from '../store/store.ts';", why: 'the Stripe sandbox is a stand-in for Stripe: it knows nothing of Tollgate' },
  { file: 'src/identity/planted.ts', code: "import { Worker } from '../engine/worker.ts';", why: 'identity sits below the engine' },
  { file: 'src/engine/planted.ts', code: "import { stripeOperations } from '../connectors/stripe/index.ts';", why: 'the engine runs operations it is given, it does not import connectors' },
  { file: 'src/engine/planted.ts', code: "import { buildServer } from '../server/build-server.ts';", why: 'the engine knows nothing of HTTP' },
  { file: 'src/engine/planted.ts', code: "import Fastify from 'fastify';", why: 'only the server imports Fastify' },
  { file: 'src/engine/planted.ts', code: "export { buildServer } from '../server/build-server.ts';", why: 're-exports count as imports' },
  { file: 'src/engine/planted.ts', code: "export const load = () => import('../server/build-server.ts');", why: 'dynamic imports count as imports' },
  { file: 'src/engine/planted.ts', code: "import type { SqlStore } from '../store/sql-store.ts';", why: 'the engine sees the store through its interface, not SqlStore' },
  { file: 'src/engine/planted.ts', code: "import { findRuns } from '../store/run-queries.ts';", why: 'the engine does not run the store’s queries itself' },
  { file: 'src/engine/planted.ts', code: "import { openSqlite } from '../store/sqlite/sqlite-database.ts';", why: 'the engine never touches a driver' },
  { file: 'src/engine/planted.ts', code: "import type { Kysely } from 'kysely';", why: 'only the store imports the query builder' },
  { file: 'src/connectors/planted.ts', code: "import type { Store } from '../store/store.ts';", why: 'connectors reach the store only through what the engine hands them' },
  { file: 'src/connectors/planted.ts', code: "import pg from 'pg';", why: 'only the store imports a database driver' },
  { file: 'src/triggers/planted.ts', code: "import { submitRequest } from '../application/submit-request.ts';", why: 'triggers sit below the application' },
  { file: 'src/server/planted.ts', code: "import type { Store } from '../store/open-store.ts';", why: 'the server does not open the database' },
  { file: 'src/server/planted.ts', code: "import { Worker } from '../engine/worker.ts';", why: 'the server goes through the application, not the engine' },
  { file: 'src/server/planted.ts', code: "import { TollgateSystem } from '../system/tollgate-system.ts';", why: 'the server is assembled by system, it does not import it' },
  { file: 'src/application/planted.ts', code: "import Database from 'better-sqlite3';", why: 'only the store imports a database driver' },
  { file: 'src/application/planted.ts', code: "import { buildServer } from '../server/build-server.ts';", why: 'the application sits below the server' },
  { file: 'src/reference/planted.ts', code: "import { builtInOperations } from '../system/operations.ts';", why: 'the reference sits below system (the old server → reference → system → server cycle)' },
  { file: 'src/simulation/planted.ts', code: "import { buildServer } from '../server/build-server.ts';", why: 'the simulation sits below the server' },
  { file: 'src/system/planted.ts', code: "import { main } from '../cli/main.ts';", why: 'system sits below the CLI' },
  { file: 'src/cli/planted.ts', code: "import type { Store } from '../store/store.ts';", why: 'the CLI goes through the application and system, never the store' },
  { file: 'src/cli/planted.ts', code: "import { buildServer } from '../server/build-server.ts';", why: 'the CLI starts the server through system' },
  { file: 'web/src/planted.tsx', code: "import { Worker } from '../../src/engine/worker.ts';", why: 'the web app runs in a browser' },
  { file: 'web/src/planted.tsx', code: "import { catalogResponseSchema } from '../../src/server/catalog-schemas.ts';", why: 'the web app takes the server’s schema types, not its code' },
  { file: 'src/audit/planted.ts', code: "export const x = 1;", why: 'a new folder of src/ needs its row in scripts/layers.js' },
];

/** The store's raw-database accessor: only test/ and bench/ import it. Checked once the file exists. */
export const INSPECT_REJECTED: readonly PlantedImport[] = [
  { file: 'src/application/planted.ts', code: "import { inspectDatabase } from '../store/inspect.ts';", why: 'src/ never reads the database raw' },
  { file: 'src/system/planted.ts', code: "import { inspectDatabase } from '../store/inspect.ts';", why: 'not even assembly reads the database raw' },
  { file: 'scripts/planted.ts', code: "import { inspectDatabase } from '../src/store/inspect.ts';", why: 'scripts are not tests' },
];
export const INSPECT_ALLOWED: readonly PlantedImport[] = [
  { file: 'test/support/planted.ts', code: "import { inspectDatabase } from '../../src/store/inspect.ts';", why: 'tests read rows no store method shows' },
  { file: 'bench/planted.ts', code: "import { inspectTransaction } from '../src/store/inspect.ts';", why: 'the bench times bare commits' },
];

/** Each must pass the layer lint. */
export const ALLOWED: readonly PlantedImport[] = [
  { file: 'src/core/planted.ts', code: "import { randomUUID } from 'node:crypto';", why: 'Node’s own modules are open to every layer' },
  { file: 'src/expression/planted.ts', code: "import { TollgateError } from '../core/errors.ts';", why: 'everyone shares core' },
  { file: 'src/store/planted.ts', code: "import { Kysely } from 'kysely';", why: 'the store owns the query builder' },
  { file: 'src/store/planted.ts', code: "import type { Role } from '../core/roles.ts';", why: 'the store keeps roles from core' },
  { file: 'src/engine/planted.ts', code: "import type { Store } from '../store/store.ts';", why: 'the engine depends on the Store interface' },
  { file: 'src/engine/planted.ts', code: "import type { Workflow } from '../definition/index.ts';", why: 'the engine runs definitions' },
  { file: 'src/connectors/planted.ts', code: "import type { Operation } from '../engine/operation.ts';", why: 'connectors implement the engine’s Operation' },
  { file: 'src/application/planted.ts', code: "import type { RunStats } from '../store/run-stats-queries.ts';", why: 'read models may use the store’s queries' },
  { file: 'src/server/planted.ts', code: "import Fastify from 'fastify';", why: 'the server speaks HTTP' },
  { file: 'src/server/planted.ts', code: "import { listRuns } from '../application/list-runs.ts';", why: 'the server calls the application' },
  { file: 'src/system/planted.ts', code: "import { buildServer } from '../server/build-server.ts';", why: 'system assembles the server' },
  { file: 'src/system/planted.ts', code: "import type { SqlStore } from '../store/sql-store.ts';", why: 'system opens the database' },
  { file: 'src/cli/planted.ts', code: "import { TollgateSystem } from '../system/tollgate-system.ts';", why: 'the CLI starts the system' },
  { file: 'web/src/planted.tsx', code: "import type { catalogResponseSchema } from '../../src/server/catalog-schemas.ts';", why: 'the web app infers API types from the server’s schemas' },
  { file: 'web/src/planted.tsx', code: "import { formatMoney } from '../../src/expression/money.ts';", why: 'the web app shares the money helpers' },
  { file: 'test/support/planted.ts', code: "import { Kysely } from 'kysely';", why: 'tests may query the database' },
  { file: 'test/support/planted.ts', code: "import type { SqlStore } from '../../src/store/sql-store.ts';", why: 'tests may use anything in src/' },
];
