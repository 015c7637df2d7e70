import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { WriteAnswer, WriteRequest, WriterSettings } from './sqlite-writer-thread.ts';

/**
 * A second connection to the SQLite file, in a thread of its own, for the
 * writes that are only inserts (the intake's batches: insert-recorder.ts): the
 * main thread sends a batch's statements in one message and goes on serving
 * requests while the thread inserts, commits and waits for the disk. The
 * answer comes once the batch is durable, as a transaction's would. The
 * thread starts at the first write; `write` rejects with SQLite's error
 * (classified by the caller) when the batch failed, and resolves 'conflict',
 * nothing written, when a unique key refused a row.
 */
export class SqliteWriter {
  readonly #settings: WriterSettings;
  #thread: Worker | undefined;
  readonly #pending = new Map<number, { resolve: (result: 'written' | 'conflict') => void; reject: (error: Error) => void }>();
  readonly #inFlight = new Set<Promise<void>>();
  #nextId = 1;
  #closed = false;

  constructor(settings: WriterSettings) {
    this.#settings = settings;
  }

  write(statements: readonly CompiledQuery[]): Promise<'written' | 'conflict'> {
    if (this.#closed) return Promise.reject(new Error('the SQLite database is closed: nothing was written'));
    const thread = this.#start();
    const request: WriteRequest = { id: this.#nextId++, statements: statements.map((query) => [query.sql, [...query.parameters]]) };
    const written = new Promise<'written' | 'conflict'>((resolve, reject) => {
      this.#pending.set(request.id, { resolve, reject });
      // A write in flight keeps the process alive, as a query on the main connection would.
      if (this.#pending.size === 1) thread.ref();
      thread.postMessage(request);
    });
    const forget = (): void => void this.#inFlight.delete(settled);
    const settled: Promise<void> = written.then(forget, forget);
    this.#inFlight.add(settled);
    return written;
  }

  /** Ends the thread once the writes sent have been answered. */
  async close(): Promise<void> {
    this.#closed = true;
    const thread = this.#thread;
    if (thread === undefined) return;
    this.#thread = undefined;
    await Promise.allSettled(this.#inFlight);
    const exited = new Promise((resolve) => thread.once('exit', resolve));
    thread.ref();
    thread.postMessage('close');
    await exited;
  }

  #start(): Worker {
    if (this.#thread !== undefined) return this.#thread;
    const thread = import.meta.url.endsWith('.ts') ? sourceThread(this.#settings) : new Worker(new URL('./sqlite-writer-thread.js', import.meta.url), { workerData: this.#settings });
    thread.unref();
    thread.on('message', (answer: WriteAnswer) => this.#answer(answer));
    const fail = (error: Error) => {
      if (this.#thread === thread) this.#thread = undefined;
      for (const { reject } of this.#pending.values()) reject(error);
      this.#pending.clear();
    };
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`the SQLite writer thread ended (exit code ${code})`)));
    this.#thread = thread;
    return thread;
  }

  #answer(answer: WriteAnswer): void {
    const entry = this.#pending.get(answer.id);
    if (entry === undefined) return;
    this.#pending.delete(answer.id);
    if (this.#pending.size === 0) this.#thread?.unref();
    if ('error' in answer) entry.reject(new SQLite.SqliteError(answer.error.message, answer.error.code));
    else entry.resolve(answer.result);
  }
}

/** The thread run from the TypeScript sources (tests, development): it registers tsx first, as bin/tollgate.js does. */
function sourceThread(settings: WriterSettings): Worker {
  const entry = new URL('./sqlite-writer-thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: settings });
}
