// A real SMTP server (smtp-server) on 127.0.0.1 that keeps every message it
// takes, parsed, and can answer the next recipients with an SMTP error.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpReceiver {
  port: number;
  messages: { envelopeTo: string[]; parsed: ParsedMail }[];
  /** The next RCPT TO commands answer with this SMTP error code. */
  refuseNext(count: number, responseCode: number): void;
  /** Forgets the messages taken and the refusals not used yet (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: SmtpReceiver['messages'] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const code = refusals.shift();
      if (code === undefined) return callback();
      callback(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'mailbox busy, try later'), { responseCode: code }));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    refuseNext: (count, code) => refusals.push(...Array.from({ length: count }, () => code)),
    reset: () => {
      messages.length = 0;
      refusals.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The `mail` connector (YAML) that sends to a receiver on `port`. */
export function smtpConnectorYaml(port: number): string {
  return `kind: Connector
id: mail
type: smtp
config: { host: 127.0.0.1, port: ${port}, secure: false, from: "Payments <payments@example.com>" }`;
}
