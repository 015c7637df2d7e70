// The SQLite writer thread (sqlite-writer.ts starts it): its own connection to the file, which writes each batch
// it is sent as one transaction and answers when it has committed. It imports nothing from the rest of src/, so
// its bundle stays small (scripts/build-server.js builds it as an entry of its own).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** What the main thread sends: the batch's statements, each its SQL text and parameters, to run in order. */
export interface WriteRequest {
  id: number;
  statements: [sql: string, parameters: unknown[]][];
}

/** What the thread answers: committed, refused whole by a unique key (nothing written), or failed with SQLite's code. */
export type WriteAnswer = { id: number; result: 'written' | 'conflict' } | { id: number; error: { code: string; message: string } };

export interface WriterSettings {
  filename: string;
  synchronous: 'FULL' | 'NORMAL';
}

const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']);
/** Its page cache holds the pages the inserts touch, not what the readers read: 2 MB, not 16. */
const CACHE_KIB = 2048;
const STATEMENTS_KEPT = 200;

const settings = workerData as WriterSettings;
const database = new SQLite(settings.filename, { fileMustExist: true });
database.pragma(`synchronous = ${settings.synchronous}`);
database.pragma('busy_timeout = 10000');
database.pragma('foreign_keys = ON');
database.pragma(`cache_size = -${CACHE_KIB}`);
const prepared = new Map<string, SQLite.Statement>();

function statement(text: string): SQLite.Statement {
  let kept = prepared.get(text);
  if (kept === undefined) {
    if (prepared.size >= STATEMENTS_KEPT) prepared.delete(prepared.keys().next().value as string);
    kept = database.prepare(text);
    prepared.set(text, kept);
  }
  return kept;
}

/** A structured clone turns a Buffer into a plain Uint8Array; SQLite binds a Buffer as a blob. */
function bindable(value: unknown): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

function write({ id, statements }: WriteRequest): WriteAnswer {
  try {
    database.exec('BEGIN IMMEDIATE');
    try {
      for (const [text, parameters] of statements) statement(text).run(parameters.map(bindable));
      database.exec('COMMIT');
    } catch (error) {
      if (database.inTransaction) database.exec('ROLLBACK');
      throw error;
    }
    return { id, result: 'written' };
  } catch (error) {
    if (error instanceof SQLite.SqliteError && UNIQUE_CODES.has(error.code)) return { id, result: 'conflict' };
    const code = error instanceof SQLite.SqliteError ? error.code : 'SQLITE_ERROR';
    return { id, error: { code, message: error instanceof Error ? error.message : String(error) } };
  }
}

parentPort?.on('message', (message: WriteRequest | 'close') => {
  if (message === 'close') {
    database.close();
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(write(message));
});
