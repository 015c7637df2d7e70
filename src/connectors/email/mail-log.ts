/**
 * Where `email.send` records each message once, keyed by its Message-ID: the
 * outbox for the built-in transport, and the delivery log for SMTP. The
 * store's OutboxStore implements it.
 */

/** Delivery state of a recorded message: `sent` means handed to its transport (stored in the outbox, or accepted by the SMTP server). */
export const MailStatus = {
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
} as const;
export type MailStatus = (typeof MailStatus)[keyof typeof MailStatus];

export const MailTransportKind = {
  outbox: 'outbox',
  smtp: 'smtp',
} as const;
export type MailTransportKind = (typeof MailTransportKind)[keyof typeof MailTransportKind];

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
  transport: MailTransportKind;
  status: MailStatus;
  now: Date;
}

/** The message's row after `recordOnce`: the one just written, or the one already there. */
export interface RecordedMail {
  id: string;
  status: MailStatus;
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
