import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_OUTBOX_PAGE, MAX_OUTBOX_PAGE } from '../../application/outbox-messages.ts';
import { apiRequest, segment } from '../api-client.ts';
import type { OutboxMessageView } from '../catalog-views.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface ListOptions extends ServerOptions {
  run?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

export function registerOutboxCommand(program: Command): void {
  const outbox = program.command('outbox').description('emails recorded by email.send (the built-in mailer and SMTP deliveries)');
  withServerOptions(
    outbox
      .command('list')
      .description('list recorded emails, newest first')
      .option('--run <id>', "only this run's emails")
      .addOption(new Option('--status <status>', 'only emails of this status (sending: not delivered yet)').choices(['sending', 'sent', 'failed']))
      .addOption(new Option('--limit <n>', `messages per page, 1 to ${MAX_OUTBOX_PAGE} (default ${DEFAULT_OUTBOX_PAGE})`).argParser(parseMessageLimit))
      .option('--cursor <cursor>', 'continue a listing where the previous page ended'),
  ).action(listOutbox);
  withServerOptions(outbox.command('show').description('one recorded email with its text').argument('<id>', 'outbox message id')).action(showMessage);
}

async function listOutbox(options: ListOptions): Promise<void> {
  const page = await apiRequest<{ messages: OutboxMessageView[]; next_cursor: string | null }>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/outbox',
    query: { run: options.run, status: options.status, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(page);
  if (page.messages.length === 0) return printLines(options.status === undefined ? 'the outbox is empty' : `no ${options.status} emails`);
  const rows = page.messages.map((message) => [message.id, cell(message.to.join(', '), 40), cell(message.subject, 60), message.transport, message.status, formatTime(message.created_at)]);
  printLines(formatTable(['id', 'to', 'subject', 'transport', 'status', 'recorded'], rows));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate outbox list', { run: options.run, status: options.status, limit: options.limit }, page.next_cursor));
}

async function showMessage(id: string, options: ServerOptions): Promise<void> {
  const { message } = await apiRequest<{ message: OutboxMessageView }>(connectionFrom(options), { method: 'GET', path: `/api/v1/outbox/${segment(id)}` });
  if (options.json) return printJson({ message });
  printLines(
    `message     ${message.id} (${message.message_id})`,
    `from        ${message.from}`,
    `to          ${message.to.join(', ')}`,
    ...(message.cc.length === 0 ? [] : [`cc          ${message.cc.join(', ')}`]),
    `subject     ${message.subject}`,
    `status      ${message.status} via ${message.transport}${message.error === null ? '' : ` (${message.error})`}`,
    `run         ${message.run ?? '-'}`,
    `recorded    ${formatTime(message.created_at)}`,
    '',
    message.text ?? '',
  );
}

/** `--limit` of the message listings (outbox, webhook inbox). */
export function parseMessageLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_OUTBOX_PAGE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_OUTBOX_PAGE}.`);
  return limit;
}
