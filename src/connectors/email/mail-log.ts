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

export interface MailLog {
  /** Writes the message unless its Message-ID is already recorded; either way returns the stored row. */
  recordOnce(mail: NewMail): Promise<RecordedMail>;
  markSent(messageId: string, now: Date): Promise<void>;
  markFailed(messageId: string, error: string): Promise<void>;
}
