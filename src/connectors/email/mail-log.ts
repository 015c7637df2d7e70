/**
 * Where `email.send` records each message once, keyed by its Message-ID: the
 * outbox for the built-in transport, and the delivery log for SMTP. The
 * store's OutboxStore implements it.
 */

import type { OutboxStatus, OutboxTransport } from '../../core/statuses.ts';

/** The connector's names for the outbox's vocabularies. */
export { OutboxStatus as MailStatus, OutboxTransport as MailTransportKind } from '../../core/statuses.ts';

/** The content of a message, as recorded and as sent. Addresses are display strings (`"Ann" <ann@example.com>`). */
export interface MailContent {
  from: string;
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
}

export interface NewMail extends MailContent {
  messageId: string;
  runId: string | null;
  stepPath: string | null;
  transport: OutboxTransport;
  status: OutboxStatus;
  now: Date;
}

/** The message's row after `recordOnce`: the one just written, or the one already there. */
export interface RecordedMail {
  id: string;
  status: OutboxStatus;
  /** False when a row with this Message-ID already existed (a re-run of the step). */
  created: boolean;
  message: MailContent;
}

/** A recorded SMTP message whose next try is due. */
export interface RetryableMail extends MailContent {
  messageId: string;
  /** Failed tries so far. */
  attempts: number;
  createdAt: Date;
}

export interface MailLog {
  /** Writes the message unless its Message-ID is already recorded; either way returns the stored row. */
  recordOnce(mail: NewMail): Promise<RecordedMail>;
  markSent(messageId: string, now: Date): Promise<void>;
  markFailed(messageId: string, error: string): Promise<void>;
}

/** The mail log as the retries of messages that could not go out use it. */
export interface MailRetryLog extends MailLog {
  /** Counts a failed try of a message still being sent and plans the next one at `at`. */
  retryLater(messageId: string, at: Date, error: string): Promise<void>;
  /** Takes the messages whose next try is due, each for this process alone until `leaseUntil`. */
  claimDueRetries(now: Date, leaseUntil: Date, limit: number): Promise<RetryableMail[]>;
}
