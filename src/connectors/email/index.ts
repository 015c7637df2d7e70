/** The email connector: `email.send` through SMTP or the built-in outbox. */
export { createEmailOperation, emailSendSpec, DEFAULT_FROM, type EmailOperationOptions, type EmailSendOutput } from './email-send-operation.ts';
export { renderEmail, type EmailField, type RenderedEmail } from './email-render.ts';
export { resolveRecipients, formatAddress } from './email-recipients.ts';
export { MailStatus, MailTransportKind, type MailContent, type MailLog, type MailRetryLog, type NewMail, type RetryableMail, type RecordedMail } from './mail-log.ts';
export type { MailTransport, MailTransportFor, OutgoingMail } from './mail-transport.ts';
export { messageIdFor, runMessageIdFor } from './message-id.ts';
export { retryDelayAfter, retryDueMail, type MailRetryReport } from './mail-retry.ts';
export { smtpMailTransport, mapSmtpError } from './smtp-mail-transport.ts';
export { parseSmtpConfig, type SmtpConfig } from './smtp-config.ts';
export type { TeamDirectory, TeamMember } from './team-directory.ts';
