import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseDuration } from '../../core/duration.ts';
import { apiRequest, segment } from '../api-client.ts';
import { cell, formatTable, formatTime, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

/** An API key as /api/v1/api-keys answers it (never its secret, except once on creation). */
export interface ApiKeyView {
  id: string;
  name: string;
  key: string;
  user: string;
  scopes: string[] | null;
  status: 'active' | 'expired' | 'revoked';
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

interface CreateOptions extends ServerOptions {
  name: string;
  scope?: string[];
  expires?: string;
  user?: string;
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('create, list and revoke API keys on the running server');
  withServerOptions(
    keys
      .command('create')
      .description('create an API key; its secret is printed this once')
      .requiredOption('--name <name>', 'what the key is for, e.g. "ci deploys"')
      .option('--scope <scope...>', 'limit the key to these permissions (e.g. runs.read) or roles (e.g. viewer)')
      .addOption(new Option('--expires <duration>', 'the key stops working after this long, e.g. 30d, 12h').argParser(parseExpiry))
      .option('--user <email>', "another user's key (admins only)"),
  ).action(createKey);
  withServerOptions(keys.command('list').description("your API keys (an admin sees everyone's)")).action(listKeys);
  withServerOptions(keys.command('revoke').description('revoke an API key: it stops working at once').argument('<id>', 'key id, as `keys list` shows it')).action(revokeKey);
}

async function createKey(options: CreateOptions): Promise<void> {
  const answer = await apiRequest<{ api_key: ApiKeyView; secret: string }>(connectionFrom(options), {
    method: 'POST',
    path: '/api/v1/api-keys',
    body: {
      json: {
        name: options.name,
        ...(options.scope === undefined ? {} : { scopes: options.scope }),
        ...(options.expires === undefined ? {} : { expires_in: options.expires }),
        ...(options.user === undefined ? {} : { user: options.user }),
      },
    },
  });
  if (options.json) return printJson(answer);
  const key = answer.api_key;
  printLines(
    answer.secret,
    '',
    `API key ${key.id} for ${key.user}${key.scopes === null ? '' : `, scopes ${key.scopes.join(', ')}`}${key.expires_at === null ? '' : `, expires ${formatTime(key.expires_at)}`}.`,
    'This is the only time the secret is shown: store it now. Send it as `Authorization: Bearer <key>`, or set TOLLGATE_API_KEY for the CLI.',
  );
}

async function listKeys(options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ api_keys: ApiKeyView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/api-keys' });
  if (options.json) return printJson(answer);
  if (answer.api_keys.length === 0) return printLines('no API keys');
  const rows = answer.api_keys.map((key) => [key.id, cell(key.name, 30), key.user, key.status, cell(key.scopes?.join(',') ?? 'all'), formatTime(key.expires_at), formatTime(key.last_used_at)]);
  printLines(formatTable(['id', 'name', 'user', 'status', 'scopes', 'expires', 'last used'], rows));
}

async function revokeKey(id: string, options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ api_key: ApiKeyView }>(connectionFrom(options), { method: 'POST', path: `/api/v1/api-keys/${segment(id)}/revoke` });
  if (options.json) return printJson(answer);
  printLines(`API key ${answer.api_key.id} (${answer.api_key.name}) revoked`);
}

function parseExpiry(value: string): string {
  try {
    parseDuration(value);
  } catch {
    throw new InvalidArgumentError('give a duration such as 30d, 12h or 90m.');
  }
  return value;
}
