/**
 * The API key the CLI uses for a server on this machine, so that `tollgate
 * apply` works after `tollgate start` without flags. `start` saves the first
 * admin's key as `<data>/cli-api-key` (mode 0600) and notes, per loopback
 * port, which data directory the running server uses, in
 * `~/.config/tollgate/servers/` (like Jupyter's runtime files). The CLI
 * reads TOLLGATE_API_KEY or `--api-key` first; this only for 127.0.0.1,
 * localhost and ::1. Without `--server` or TOLLGATE_SERVER, the notes also
 * tell the CLI where such a server listens (localServer).
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

/** Where a client command found the server it talks to, for when it cannot reach it. */
export interface LocalServer {
  url: string;
  /** e.g. `the default`, or the note that named it and the data directory of its server. */
  source: string;
}

/**
 * The server a client command talks to when neither `--server` nor TOLLGATE_SERVER names one: the default, when a
 * running server noted it (or none noted any); else the one noted for `dataDir` (the CLI's TOLLGATE_DATA); else the
 * only one noted. Several other servers noted: the default still, and `source` names them to choose from.
 */
export function localServer(options: { defaultUrl: string; dataDir: string; indexDir?: string }): LocalServer {
  const dir = options.indexDir ?? defaultServerIndexDir();
  const notes = liveNotes(dir);
  const defaultPort = loopbackPort(options.defaultUrl);
  if (notes.length === 0 || notes.some((note) => loopbackPort(note.url) === defaultPort)) return { url: options.defaultUrl, source: 'the default' };
  const ownData = resolve(options.dataDir);
  const chosen = notes.find((note) => note.data_dir === ownData) ?? (notes.length === 1 ? notes[0] : undefined);
  if (chosen === undefined) {
    return { url: options.defaultUrl, source: `the default; servers running on this machine: ${notes.map((note) => `${note.url} (${note.data_dir})`).join(', ')}` };
  }
  return { url: chosen.url, source: `noted in ${join(dir, chosen.file)} by the server running on this machine for ${chosen.data_dir}` };
}

/** The notes of servers still running, their wildcard listen addresses as loopback URLs the CLI can reach. */
function liveNotes(dir: string): (ServerNote & { file: string })[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => /^loopback-\d+\.json$/.test(name)).sort();
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const note = readNote(join(dir, file));
    if (note === undefined || !isAlive(note.pid)) return [];
    return [{ ...note, url: note.url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//127.0.0.1:'), file }];
  });
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
