/**
 * The API key the CLI uses for a server on this machine, so that `tollgate
 * apply` works after `tollgate start` without flags. `start` saves the first
 * admin's key as `<data>/cli-api-key` (mode 0600) and notes, per loopback
 * port, which data directory the running server uses, in
 * `~/.config/tollgate/servers/` (like Jupyter's runtime files). The CLI
 * reads TOLLGATE_API_KEY or `--api-key` first; this only for 127.0.0.1,
 * localhost and ::1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI_KEY_FILE = 'cli-api-key';

export function defaultServerIndexDir(): string {
  return join(homedir(), '.config', 'tollgate', 'servers');
}

interface ServerNote {
  url: string;
  data_dir: string;
  pid: number;
}

/** Saves the key readable by this OS user only. Returns the file's path. */
export function saveCliApiKey(dataDir: string, key: string): string {
  mkdirSync(dataDir, { recursive: true });
  const path = resolve(dataDir, CLI_KEY_FILE);
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return path;
}

/** The port of a loopback URL, or undefined for any other host. */
export function loopbackPort(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return undefined;
  return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
}

/**
 * Notes that the server at `url` keeps its CLI key in `dataDir`, and forgets
 * notes of servers that are gone. Does nothing when `dataDir` holds no key.
 */
export function rememberLocalServer(options: { url: string; dataDir: string; indexDir?: string; pid?: number }): void {
  const port = loopbackPort(options.url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:'));
  if (port === undefined || !existsSync(join(options.dataDir, CLI_KEY_FILE))) return;
  const dir = options.indexDir ?? defaultServerIndexDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(dir)) {
    const note = readNote(join(dir, name));
    if (note === undefined || !isAlive(note.pid) || !existsSync(join(note.data_dir, CLI_KEY_FILE))) rmSync(join(dir, name), { force: true });
  }
  const note: ServerNote = { url: options.url, data_dir: resolve(options.dataDir), pid: options.pid ?? process.pid };
  writeFileSync(join(dir, `loopback-${port}.json`), JSON.stringify(note), { mode: 0o600 });
}

/**
 * The saved key for a server on this machine: the one its running server
 * noted, else the one in `dataDir` (the CLI's own TOLLGATE_DATA). Undefined
 * for other hosts or when none is found.
 */
export function localApiKey(options: { serverUrl: string; dataDir: string; indexDir?: string }): string | undefined {
  const port = loopbackPort(options.serverUrl);
  if (port === undefined) return undefined;
  const note = readNote(join(options.indexDir ?? defaultServerIndexDir(), `loopback-${port}.json`));
  const dataDir = note !== undefined && isAlive(note.pid) ? note.data_dir : options.dataDir;
  return readKey(join(dataDir, CLI_KEY_FILE));
}

function readKey(path: string): string | undefined {
  try {
    const key = readFileSync(path, 'utf8').trim();
    return key === '' ? undefined : key;
  } catch {
    return undefined;
  }
}

function readNote(path: string): ServerNote | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { url, data_dir: dataDir, pid } = value as Record<string, unknown>;
    return typeof url === 'string' && typeof dataDir === 'string' && typeof pid === 'number' ? { url, data_dir: dataDir, pid } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: another user's process, whose data is not ours to use either.
    return false;
  }
}
