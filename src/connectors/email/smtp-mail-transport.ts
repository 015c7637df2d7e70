import { PermanentError, TransientError, type TollgateError } from '../../core/errors.ts';
import type { ResolvedConnector } from '../../engine/operation.ts';
import type { MailTransport } from './mail-transport.ts';
import { parseSmtpConfig } from './smtp-config.ts';

/** nodemailer's error codes for failures that did not come from an SMTP reply and will not change on a retry. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM']);

/**
 * Sends through nodemailer with the connector's config; one connection per
 * message, closed afterwards. The Message-ID is the one given, so the
 * receiving side can tell a re-sent message by it.
 */
export function smtpMailTransport(connector: ResolvedConnector): MailTransport {
  const config = parseSmtpConfig(connector);
  return {
    async send(mail) {
      // Loaded on the first mail sent: a process that only keeps mail in the outbox never loads it.
      const { default: nodemailer } = await import('nodemailer');
      const transport = nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        ...(config.user === undefined ? {} : { auth: { user: config.user, pass: config.password ?? '' } }),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      try {
        await transport.sendMail({
          messageId: mail.messageId,
          from: mail.from,
          to: mail.to,
          ...(mail.cc.length === 0 ? {} : { cc: mail.cc }),
          ...(mail.replyTo === null ? {} : { replyTo: mail.replyTo }),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
      } catch (error) {
        throw mapSmtpError(error, `${config.host}:${config.port}`);
      } finally {
        transport.close();
      }
    },
  };
}

/** 4xx replies and connection failures are transient; 5xx replies and malformed messages are permanent. */
export function mapSmtpError(error: unknown, server: string): TollgateError {
  const { code, responseCode, response } = (error ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  const details = {
    smtp_code: typeof code === 'string' ? code : null,
    response_code: typeof responseCode === 'number' ? responseCode : null,
    response: typeof response === 'string' ? response : null,
  };
  if (typeof responseCode === 'number' && responseCode >= 500) {
    return new PermanentError(`smtp_${responseCode}`, `the SMTP server ${server} refused the message: ${message}; check the recipients and the connector's credentials`, { cause: error, details });
  }
  if (typeof responseCode === 'number' && responseCode >= 400) {
    return new TransientError(`smtp_${responseCode}`, `the SMTP server ${server} deferred the message: ${message}; it will be retried`, { cause: error, details });
  }
  if (typeof code === 'string' && PERMANENT_CODES.has(code)) {
    return new PermanentError('smtp_message_invalid', `the message could not be sent through ${server}: ${message}`, { cause: error, details });
  }
  return new TransientError('smtp_connection_failed', `could not deliver through the SMTP server ${server}: ${message}; it will be retried`, { cause: error, details });
}
