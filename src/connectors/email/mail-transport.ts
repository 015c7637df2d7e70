import type { ResolvedConnector } from '../../engine/operation.ts';
import type { MailContent } from './mail-log.ts';

/** A message ready to go out, with its stable Message-ID (`<…@tollgate>`). */
export interface OutgoingMail extends MailContent {
  messageId: string;
}

/** Sends mail through an SMTP connector. Throws TransientError or PermanentError. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/** Gives the transport for an smtp connector (default: nodemailer over its config). */
export type MailTransportFor = (connector: ResolvedConnector) => MailTransport;
