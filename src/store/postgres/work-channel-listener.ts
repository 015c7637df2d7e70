import type pg from 'pg';
import { settledWithin } from '../../core/settled-within.ts';
import { DatabaseQueryTimeout } from '../database-query-timeout.ts';
import type { WorkListener } from '../dialect.ts';
import { WORK_CHANNEL } from './work-channel.ts';

/** The wait before the next try at making the lost connection again, after `failures` failed tries: 200 ms doubling up to 10 s. */
function reconnectDelayMs(failures: number): number {
  return Math.min(10_000, 200 * 2 ** failures);
}

/**
 * One connection LISTENing on the work channel, made again whenever it is
 * lost (PostgreSQL restarted or failed over, the backend was terminated, the
 * network dropped it), with a growing wait between tries. A connection that
 * only waits for notifications sends nothing, so a server or path that went
 * silent would go unnoticed: it is checked every `check.everyMs` with a query
 * that must answer within `check.timeoutMs`. The listener is
 * told once when it is lost and once when it is back, and then to look at the
 * queue: work signalled while nobody listened has no wake-up of its own.
 */
export class WorkChannelListener {
  readonly #newClient: () => pg.Client;
  readonly #listener: WorkListener;
  readonly #check: { everyMs: number; timeoutMs: number };
  #checks: NodeJS.Timeout | undefined;
  #checking = false;
  /** The connection listening now; undefined while it is being made again. */
  #client: pg.Client | undefined;
  #stopped = false;
  #reconnecting: Promise<void> | undefined;
  #endWait: (() => void) | undefined;

  constructor(options: { newClient: () => pg.Client; listener: WorkListener; check: { everyMs: number; timeoutMs: number } }) {
    this.#newClient = options.newClient;
    this.#listener = options.listener;
    this.#check = options.check;
  }

  /** Makes the first connection; fails as it fails (a worker does not start without its wake-ups). */
  async start(): Promise<void> {
    this.#client = await this.#listen();
    // Unref'd: a process stays up for its work, not for this check.
    this.#checks = setInterval(() => void this.#checkConnection(), this.#check.everyMs).unref();
  }

  /** Closes the connection, and stops making it again. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#checks);
    this.#endWait?.();
    await this.#reconnecting;
    const client = this.#client;
    this.#client = undefined;
    await client?.end();
  }

  /** A new connection, LISTENing; fails if it could not be made or was lost while it was being made. */
  async #listen(): Promise<pg.Client> {
    const client = this.#newClient();
    let gone: Error | undefined;
    // After a connection failed, pg emits 'error' (unless it was ending on purpose) and then 'end'.
    const onGone = (error: Error): void => {
      gone ??= error;
      if (client === this.#client) this.#lost(client, error);
    };
    client.on('error', onGone);
    client.on('end', () => onGone(new Error('the connection to PostgreSQL ended')));
    client.on('notification', () => this.#listener.work());
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
      if (gone !== undefined) throw gone;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** Asks the connection for an answer; one that does not come in time is a lost connection. */
  async #checkConnection(): Promise<void> {
    const client = this.#client;
    if (client === undefined || this.#checking) return;
    this.#checking = true;
    const timeoutMs = this.#check.timeoutMs;
    try {
      await settledWithin(client.query('SELECT 1'), timeoutMs, () => new DatabaseQueryTimeout({ address: `${client.host}:${client.port}`, timeoutMs }));
    } catch (error) {
      if (client === this.#client) this.#lost(client, error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.#checking = false;
    }
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#stopped) return;
    this.#client = undefined;
    void client.end().catch(() => undefined);
    this.#listener.lost?.(error);
    this.#reconnecting = this.#reconnect().finally(() => (this.#reconnecting = undefined));
  }

  async #reconnect(): Promise<void> {
    for (let failures = 0; ; failures += 1) {
      await this.#wait(reconnectDelayMs(failures));
      if (this.#stopped) return;
      let client: pg.Client;
      try {
        client = await this.#listen();
      } catch {
        // Still away: the next try waits longer. The loss was reported once; the tries are not.
        continue;
      }
      if (this.#stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.#client = client;
      this.#listener.back?.();
      this.#listener.work();
      return;
    }
  }

  /** Waits `ms`; stop() cuts it short. */
  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#endWait = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
