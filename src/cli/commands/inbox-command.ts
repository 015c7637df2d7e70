import { Option, type Command } from 'commander';
import { DEFAULT_INBOX_PAGE, MAX_INBOX_PAGE } from '../../application/webhook-inbox-messages.ts';
import { apiRequest, segment } from '../api-client.ts';
import type { WebhookInboxMessageView } from '../catalog-views.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';
import { parseMessageLimit } from './outbox-command.ts';

interface ListOptions extends ServerOptions {
  run?: string;
  limit?: number;
  cursor?: string;
}

export function registerInboxCommand(program: Command): void {
  const inbox = program.command('inbox').description('webhook messages kept locally because their connector has no URL configured (e.g. NOTIFY_WEBHOOK_URL unset)');
  withServerOptions(
    inbox
      .command('list')
      .description('list kept webhook messages, newest first')
      .option('--run <id>', "only this run's messages")
      .addOption(new Option('--limit <n>', `messages per page, 1 to ${MAX_INBOX_PAGE} (default ${DEFAULT_INBOX_PAGE})`).argParser(parseMessageLimit))
      .option('--cursor <cursor>', 'continue a listing where the previous page ended'),
  ).action(listInbox);
  withServerOptions(inbox.command('show').description('one kept webhook message with its body').argument('<id>', 'inbox message id')).action(showMessage);
}

async function listInbox(options: ListOptions): Promise<void> {
  const page = await apiRequest<{ messages: WebhookInboxMessageView[]; next_cursor: string | null }>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/webhook-inbox',
    query: { run: options.run, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(page);
  if (page.messages.length === 0) return printLines('the webhook inbox is empty');
  const rows = page.messages.map((message) => [message.id, message.connector, cell(message.run), cell(JSON.stringify(message.body), 60), formatTime(message.created_at)]);
  printLines(formatTable(['id', 'connector', 'run', 'body', 'kept'], rows));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate inbox list', { run: options.run, limit: options.limit }, page.next_cursor));
}

async function showMessage(id: string, options: ServerOptions): Promise<void> {
  const { message } = await apiRequest<{ message: WebhookInboxMessageView }>(connectionFrom(options), { method: 'GET', path: `/api/v1/webhook-inbox/${segment(id)}` });
  if (options.json) return printJson({ message });
  printLines(
    `message     ${message.id} (webhook-id ${message.webhook_id})`,
    `connector   ${message.connector}${message.path === null ? '' : ` (path ${message.path})`}`,
    `kept        ${formatTime(message.created_at)}: ${message.reason}`,
    `run         ${message.run ?? '-'}${message.step_path === null ? '' : ` step ${message.step_path}`}`,
    '',
    JSON.stringify(message.body, null, 2),
  );
}
