import { PermanentError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { OperationSpec } from '../../definition/operation-spec.ts';
import type { Operation, ResolvedConnector } from '../../engine/operation.ts';
import { formatAddress, resolveRecipients } from './email-recipients.ts';
import { renderEmail } from './email-render.ts';
import { MailStatus, MailTransportKind, type MailContent, type MailLog } from './mail-log.ts';
import type { MailTransportFor } from './mail-transport.ts';
import { messageIdFor, runMessageIdFor } from './message-id.ts';
import { parseSmtpConfig } from './smtp-config.ts';
import { smtpMailTransport } from './smtp-mail-transport.ts';
import type { TeamDirectory } from './team-directory.ts';

export const DEFAULT_FROM = 'Tollgate <tollgate@localhost>';

export interface EmailOperationOptions {
  mailLog: MailLog;
  teams: TeamDirectory;
  /** Default: nodemailer over the smtp connector's config. */
  transportFor?: MailTransportFor;
  /** Sender when the connector names none (and for the outbox). */
  defaultFrom?: string;
}

/** What `email.send` returns into the step's output variable. */
export interface EmailSendOutput {
  message_id: string;
  outbox_id: string;
  transport: MailTransportKind;
  status: MailStatus;
  to: string[];
  cc: string[];
  subject: string;
  /** False when a re-run found the message already recorded. */
  created: boolean;
}

/** The spec of `email.send`, for validation without a mail log. */
export const emailSendSpec: OperationSpec = {
  name: 'email.send',
  description: 'Send an email (text and HTML) to addresses, {team: id} or {users: [emails]}; through the smtp connector, or to the built-in outbox when there is none.',
  connectorType: 'smtp',
  connectorOptional: true,
  example: {
    to: { team: 'finance' },
    subject: 'Dispute on {{ object.charge }}',
    body: 'A customer disputed {{ $money(object.amount, object.currency) }}.',
    fields: [{ label: 'Reason', value: '{{ object.reason }}' }],
  },
  params: {
    to: { required: true, recipients: true, type: 'recipients', description: 'An address, a list, {team: id}, {users: [emails]}, or a list mixing these' },
    subject: { required: true, type: 'string', description: 'Subject line' },
    body: { type: 'string', description: 'Message text; blank lines separate paragraphs' },
    fields: { type: 'array', description: 'List of {label, value} appended as a table (HTML) and "label: value" lines (text)' },
    cc: { recipients: true, type: 'recipients', description: 'Copy recipients, in the same forms as `to`' },
    reply_to: { type: 'string', description: 'Reply-To address' },
  },
};

/**
 * `email.send`: an email with a plain-text and an HTML part to addresses,
 * teams and users. With an smtp connector it goes out through SMTP; without
 * one it lands in the built-in outbox. Either way it is recorded once under a
 * Message-ID derived from the step's idempotency key, and an SMTP message
 * already marked sent is never sent again.
 */
export function createEmailOperation(options: EmailOperationOptions): Operation {
  const transportFor = options.transportFor ?? smtpMailTransport;
  return {
    spec: emailSendSpec,
    // To the outbox, a message is a row in the step's commit and nothing else.
    writesOnlyInCommit: (connector) => smtpConnector(connector) === undefined,
    async execute(input, context) {
      const smtp = smtpConnector(context.connector);
      // Checked before anything is recorded, so a bad connector leaves no half-sent row.
      const sender = smtp === undefined ? undefined : parseSmtpConfig(smtp).from;
      const content = await composeMail(input, options, sender ?? options.defaultFrom ?? DEFAULT_FROM);
      const transport = smtp === undefined ? MailTransportKind.outbox : MailTransportKind.smtp;
      const writeInCommit = transport === MailTransportKind.outbox ? context.writeInCommit : undefined;
      const messageId = writeInCommit !== undefined ? runMessageIdFor(context.runId, context.idempotencyKey) : messageIdFor(context.idempotencyKey);
      const mail = {
        ...content,
        messageId,
        runId: context.runId,
        stepPath: context.stepPath,
        transport,
        status: transport === MailTransportKind.outbox ? MailStatus.sent : MailStatus.sending,
        now: context.clock.now(),
      };
      if (writeInCommit !== undefined) {
        // In a step, the outbox row is written in the step's own commit: no commit of its own, and a
        // step that is run again (its result was never committed) finds no row from its earlier attempt.
        const id = newId('mail', mail.now);
        writeInCommit({ kind: 'outbox_message', message: { ...mail, id } });
        return { message_id: messageId, outbox_id: id, transport, status: MailStatus.sent, to: content.to, cc: content.cc, subject: content.subject, created: true } satisfies EmailSendOutput;
      }
      const recorded = await options.mailLog.recordOnce(mail);
      let status = recorded.status;
      if (smtp !== undefined && status !== MailStatus.sent) {
        // The recorded content is what goes out, so a re-run sends what the first attempt recorded.
        try {
          await transportFor(smtp).send({ ...recorded.message, messageId });
        } catch (error) {
          // Refused for good, or deferred on the step's last attempt: no one will send it, so the outbox says failed.
          if (error instanceof PermanentError || context.finalAttempt === true) await options.mailLog.markFailed(messageId, error instanceof Error ? error.message : String(error));
          throw error;
        }
        await options.mailLog.markSent(messageId, context.clock.now());
        status = MailStatus.sent;
      }
      const output: EmailSendOutput = {
        message_id: messageId,
        outbox_id: recorded.id,
        transport,
        status,
        to: recorded.message.to,
        cc: recorded.message.cc,
        subject: recorded.message.subject,
        created: recorded.created,
      };
      return output;
    },
  };
}

/** The smtp connector to send through; none for the outbox (no connector, or one set to `transport: outbox`). */
function smtpConnector(connector: ResolvedConnector | undefined): ResolvedConnector | undefined {
  return connector !== undefined && connector.config.transport !== MailTransportKind.outbox ? connector : undefined;
}

async function composeMail(input: Record<string, unknown>, options: EmailOperationOptions, from: string): Promise<MailContent> {
  const rendered = renderEmail({ subject: input.subject, body: input.body, fields: input.fields });
  const to = await resolveRecipients(input.to, { teams: options.teams, param: 'with.to', required: true });
  const cc = await resolveRecipients(input.cc, { teams: options.teams, param: 'with.cc', required: false });
  const replyTo = await resolveRecipients(input.reply_to, { teams: options.teams, param: 'with.reply_to', required: false });
  return {
    from,
    to: to.map(formatAddress),
    cc: cc.map(formatAddress),
    replyTo: replyTo.length === 0 ? null : replyTo.map(formatAddress).join(', '),
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
  };
}
