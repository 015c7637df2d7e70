import { describeDuration } from '../core/duration.ts';

/** How long a new PostgreSQL connection may take to be ready before it is given up, unless configured. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/**
 * PostgreSQL did not complete a new connection in time: the host did not
 * answer (a firewall that drops packets, a wrong address) or answered and
 * then said nothing. The cause a store outage carries; at start-up,
 * open-database.ts words it for an operator.
 */
export class DatabaseConnectTimeout extends Error {
  /** `host:port`, as the driver tried it. */
  readonly address: string;
  readonly timeoutMs: number;

  constructor(options: { address: string; timeoutMs: number }) {
    super(`${options.address} did not complete a connection within ${describeDuration(options.timeoutMs)}`);
    this.name = 'DatabaseConnectTimeout';
    this.address = options.address;
    this.timeoutMs = options.timeoutMs;
  }
}
