import type { Clock } from '../../core/clock.ts';
import { PermanentError } from '../../core/errors.ts';
import type { ResolvedConnector } from '../../engine/operation.ts';
import type { MailRetryLog } from './mail-log.ts';
import type { MailTransportFor } from './mail-transport.ts';
import { smtpMailTransport } from './smtp-mail-transport.ts';

/** The first try again comes this long after a failure; each later one waits twice as long, up to MAX_DELAY_MS. */
const FIRST_RETRY_DELAY_MS = 60_000;
const MAX_DELAY_MS = 3_600_000;
/** A message not delivered this long after it was recorded is marked failed. */
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
/** A claimed message is this process's to send for this long; if it dies meanwhile, another process tries then. */
const CLAIM_MS = 5 * 60_000;

/** How long to wait before the next try, after `attempts` failed ones. */
export function retryDelayAfter(attempts: number): number {
  return Math.min(FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export interface MailRetryReport {
  sent: number;
  /** Failed again, with a later try planned. */
  deferred: number;
  /** Refused for good, or given up on. */
  failed: number;
}

/**
 * Tries again the SMTP messages whose next try is due (an approval's email
 * recorded while the mail server was down): sent, tried again later with a
 * doubling delay, or marked failed when the server refuses it for good or a
 * day has passed. The same Message-ID goes out each time, so a receiver can
 * tell a repeat.
 */
export async function retryDueMail(options: {
  mailLog: MailRetryLog;
  /** The smtp connector to send through now; undefined when there is none any more. */
  smtp: () => Promise<ResolvedConnector | undefined>;
  clock: Clock;
  transportFor?: MailTransportFor;
  limit?: number;
}): Promise<MailRetryReport> {
  const { mailLog, clock } = options;
  const report: MailRetryReport = { sent: 0, deferred: 0, failed: 0 };
  const now = clock.now();
  const due = await mailLog.claimDueRetries(now, new Date(now.getTime() + CLAIM_MS), options.limit ?? 20);
  if (due.length === 0) return report;
  const smtp = await options.smtp();
  for (const mail of due) {
    const { attempts, createdAt, ...outgoing } = mail;
    try {
      if (smtp === undefined) throw new PermanentError('connector_not_found', 'no smtp connector to send it through any more: apply a Connector of type smtp for the emails to come; this one stays in the outbox, marked failed');
      await (options.transportFor ?? smtpMailTransport)(smtp).send(outgoing);
      await mailLog.markSent(mail.messageId, clock.now());
      report.sent += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const at = clock.now();
      if (error instanceof PermanentError || at.getTime() - createdAt.getTime() >= GIVE_UP_AFTER_MS) {
        await mailLog.markFailed(mail.messageId, error instanceof PermanentError ? reason : `not delivered within a day, after ${attempts + 1} tries; last: ${reason}`);
        report.failed += 1;
      } else {
        await mailLog.retryLater(mail.messageId, new Date(at.getTime() + retryDelayAfter(attempts + 1)), reason);
        report.deferred += 1;
      }
    }
  }
  return report;
}
