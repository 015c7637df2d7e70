// The bench's own connection to the database a process under test writes:
// it samples the queue while the load runs and reads the runs afterwards.
// Plain SQL; numbers only are spliced into it.
import SQLite from 'better-sqlite3';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres';

/** Where a process under test keeps its data: a SQLite file, or a PostgreSQL database of its own. */
export interface BenchTarget {
  dialect: Dialect;
  dataDir: string;
  sqliteFile: string;
  /** Set for PostgreSQL: a fresh database on the bench's server. */
  databaseUrl: string | undefined;
}

export interface BenchReader {
  rows<T>(query: string): Promise<T[]>;
  /** Runs statements that answer nothing (e.g. bulk inserts). */
  execute(query: string): Promise<void>;
  close(): Promise<void>;
}

export function openReader(target: BenchTarget): BenchReader {
  if (target.databaseUrl !== undefined) {
    // BIGINT times as numbers, as the store reads them.
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2, types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) } });
    return {
      rows: async <T>(query: string) => (await pool.query(query)).rows as T[],
      execute: async (query) => void (await pool.query(query)),
      close: () => pool.end(),
    };
  }
  const database = new SQLite(target.sqliteFile);
  database.pragma('busy_timeout = 10000');
  return {
    rows: <T>(query: string) => Promise.resolve(database.prepare(query).all() as T[]),
    execute: (query) => Promise.resolve(void database.exec(query)),
    close: () => Promise.resolve(void database.close()),
  };
}

/** Makes an empty database `name` on the server at `serverUrl` and returns its URL. */
export async function createPostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Waits until every run has finished, or `seconds` pass. */
export async function drainRuns(reader: BenchReader, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const [row] = await reader.rows<{ count: number }>('SELECT COUNT(*) AS count FROM runs WHERE finished_at IS NULL');
    if (Number(row?.count ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
