/**
 * The settings a client command reads (the CLI talking to a running server over HTTP): where the server
 * is, the API key, and the data directory a server on this machine keeps its CLI key in. Plain code, no
 * schema library, so that a client command starts at once; config.ts names these variables from
 * CLIENT_ENVIRONMENT and checks them with the same rules, so each is still described in one place.
 */
import { InvalidInputError } from '../core/errors.ts';

export const DEFAULT_DATA_DIR = '.tollgate';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';

/** The environment variables a client command reads, with their meaning and default (config.ts lists them with the rest). */
export const CLIENT_ENVIRONMENT = {
  TOLLGATE_DATA: `Data directory for SQLite, the sandbox state and the outbox. Default ./${DEFAULT_DATA_DIR}`,
  TOLLGATE_SERVER: `URL of a running server, for CLI commands. Default ${DEFAULT_SERVER_URL}`,
  TOLLGATE_API_KEY: 'API key the CLI sends to the server',
  TOLLGATE_SANDBOX_URL: `URL of the Stripe sandbox of a running \`tollgate start\`, for \`tollgate stripe\` commands. Default http://127.0.0.1:<TOLLGATE_SANDBOX_PORT>`,
} as const;

/** The sandbox's port when TOLLGATE_SANDBOX_PORT is unset; config.ts has the same default. */
export const DEFAULT_SANDBOX_PORT = 12111;

/** What TOLLGATE_SERVER (and `--server`) takes. */
export const SERVER_URL_HINT = 'an http:// or https:// URL, e.g. http://127.0.0.1:8080';

export interface ClientSettings {
  /** TOLLGATE_SERVER, trimmed. */
  serverUrl: string;
  /** TOLLGATE_API_KEY, if set. */
  apiKey: string | undefined;
  /** TOLLGATE_DATA: where a server on this machine may have saved the CLI's key. */
  dataDir: string;
}

/** What TOLLGATE_SANDBOX_URL (and `--sandbox`) takes. */
export const SANDBOX_URL_HINT = 'an http:// or https:// URL, e.g. http://127.0.0.1:12111';

/** Whether `value` is a server URL: http or https, and parseable. */
export function isServerUrl(value: string): boolean {
  const trimmed = value.trim();
  return /^https?:\/\//i.test(trimmed) && URL.canParse(trimmed);
}

/**
 * Reads the client settings; an unset or empty variable takes its default.
 * @throws InvalidInputError `config_invalid` naming the variable, its value and what it takes.
 * @example const { serverUrl } = readClientSettings({ ...process.env, TOLLGATE_SERVER: flags.server })
 */
export function readClientSettings(env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const serverUrl = setValue(env, 'TOLLGATE_SERVER') ?? DEFAULT_SERVER_URL;
  if (!isServerUrl(serverUrl)) {
    const issue = settingIssue({ name: 'TOLLGATE_SERVER', value: serverUrl, problem: SERVER_URL_HINT, meaning: CLIENT_ENVIRONMENT.TOLLGATE_SERVER });
    throw new InvalidInputError('config_invalid', issue.message, [issue]);
  }
  return { serverUrl: serverUrl.trim(), apiKey: setValue(env, 'TOLLGATE_API_KEY'), dataDir: setValue(env, 'TOLLGATE_DATA') ?? DEFAULT_DATA_DIR };
}

/**
 * Where `tollgate stripe` commands find the sandbox: TOLLGATE_SANDBOX_URL, else the local TOLLGATE_SANDBOX_PORT.
 * Read only by those commands, so a wrong value fails them alone.
 * @throws InvalidInputError `config_invalid` naming the variable, its value and what it takes.
 */
export function readSandboxUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = setValue(env, 'TOLLGATE_SANDBOX_URL');
  if (url !== undefined) {
    if (!isServerUrl(url)) {
      const issue = settingIssue({ name: 'TOLLGATE_SANDBOX_URL', value: url, problem: SANDBOX_URL_HINT, meaning: CLIENT_ENVIRONMENT.TOLLGATE_SANDBOX_URL });
      throw new InvalidInputError('config_invalid', issue.message, [issue]);
    }
    return url.trim();
  }
  const port = env.TOLLGATE_SANDBOX_PORT === undefined || env.TOLLGATE_SANDBOX_PORT === '' ? String(DEFAULT_SANDBOX_PORT) : env.TOLLGATE_SANDBOX_PORT;
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    const issue = settingIssue({ name: 'TOLLGATE_SANDBOX_PORT', value: port, problem: 'a port number from 0 to 65535', meaning: 'the port of the Stripe sandbox, when TOLLGATE_SANDBOX_URL is unset' });
    throw new InvalidInputError('config_invalid', issue.message, [issue]);
  }
  return `http://127.0.0.1:${port}`;
}

/**
 * A bad setting, as config errors word it: `NAME="value": what it takes (its meaning)`. A secret's value
 * is never printed whole (errors reach logs): its first characters and its length only, enough to see a
 * stray space or a key of the wrong kind.
 */
export function settingIssue(options: { name: string; value: string | undefined; problem: string; meaning: string; secret?: boolean }): { path: string; message: string } {
  const shown = options.secret === true && options.value !== undefined ? `${JSON.stringify(options.value.slice(0, 4))}… (${options.value.length} characters, the rest hidden)` : JSON.stringify(options.value);
  return { path: options.name, message: `${options.name}=${shown}: ${options.problem} (${options.meaning})` };
}

/** A variable's value; an empty one counts as unset. */
function setValue(env: NodeJS.ProcessEnv, name: keyof typeof CLIENT_ENVIRONMENT): string | undefined {
  const value = env[name];
  return value === '' ? undefined : value;
}
