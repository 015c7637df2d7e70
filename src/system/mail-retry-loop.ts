import { retryDueMail, type MailRetryLog, type MailRetryReport } from '../connectors/email/index.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { ConnectorResolver } from '../engine/operation.ts';

const EMPTY: MailRetryReport = { sent: 0, deferred: 0, failed: 0 };

/**
 * Runs with the worker: every interval, tries again the SMTP messages whose
 * next try is due (mail-retry.ts). Failures are logged, never thrown.
 */
export class MailRetryLoop {
  readonly #options: { mailLog: MailRetryLog; connectors: ConnectorResolver; clock: Clock; logger: Logger; intervalMs: number };
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<MailRetryReport> | undefined;

  constructor(options: { mailLog: MailRetryLog; connectors: ConnectorResolver; clock: Clock; logger: Logger; intervalMs?: number }) {
    this.#options = { ...options, intervalMs: options.intervalMs ?? 30_000 };
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.tick(), this.#options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#round;
  }

  /** One round now (one at a time in this process); what it sent, put off and gave up on. */
  tick(): Promise<MailRetryReport> {
    this.#round ??= this.#retry().finally(() => (this.#round = undefined));
    return this.#round;
  }

  async #retry(): Promise<MailRetryReport> {
    const { mailLog, connectors, clock, logger } = this.#options;
    try {
      const report = await retryDueMail({ mailLog, clock, smtp: () => connectors.resolve({ type: 'smtp', name: undefined, optional: true }) });
      if (report.sent + report.deferred + report.failed > 0) logger.info(report, 'emails tried again');
      if (report.failed > 0) logger.warn({ failed: report.failed }, 'emails given up on: the outbox shows why');
      return report;
    } catch (error) {
      logger.error({ err: error }, 'trying emails again failed; they stay due');
      return EMPTY;
    }
  }
}
