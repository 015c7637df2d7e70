/**
 * The keys a SecretBox seals and opens with: the current key, which seals,
 * and old keys, which still open what they sealed until `tollgate secrets
 * rotate` has moved every value to the current key.
 *
 * Where they come from:
 * - current: TOLLGATE_SECRET_KEY (64 hex characters), else `<data dir>/secret.key`,
 *   made on first use with 32 random bytes (mode 0600, and a warning to back it up);
 * - old: TOLLGATE_SECRET_KEY_OLD (comma-separated, hex), and the files
 *   `<data dir>/secret.key.<key id>.old` a rotation of the key file leaves.
 *
 * A key's id is the first 8 hex characters of its SHA-256: it names the key in
 * sealed values and messages without giving it away.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermanentError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

export interface SecretKey {
  /** First 8 hex characters of the key's SHA-256. */
  id: string;
  bytes: Buffer;
  /** Where it was read: a variable's name or a file's path. */
  source: string;
}

export interface SecretKeyRing {
  current: SecretKey;
  old: SecretKey[];
  /** Where the current key lives: the environment, or this file. */
  file: string | null;
}

export interface KeyRingOptions {
  /** TOLLGATE_SECRET_KEY: hex; undefined: the data directory's key file. */
  configured: string | undefined;
  /** TOLLGATE_SECRET_KEY_OLD, split: hex keys that only open. */
  old?: readonly string[];
  dataDir: string;
  /** Warned when a new key file is made. */
  logger?: Logger;
}

const KEY_HEX = /^[0-9a-fA-F]{64}$/;
const KEY_FILE = 'secret.key';
const OLD_KEY_FILE = /^secret\.key\.([0-9a-f]{8})\.old$/;

/** The id of a key: the first 8 hex characters of its SHA-256. */
export function keyIdOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/** Path of the key file in `dataDir`. */
export function keyFileOf(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

/**
 * Loads the current key and the old ones.
 * @throws PermanentError `secret_key_invalid` naming the variable or file that holds no valid key.
 */
export async function loadKeyRing(options: KeyRingOptions): Promise<SecretKeyRing> {
  const current = options.configured === undefined ? await readOrMakeKeyFile(options) : keyOf(options.configured, 'TOLLGATE_SECRET_KEY');
  const old = [...(options.old ?? []).map((hex, index) => keyOf(hex, `TOLLGATE_SECRET_KEY_OLD (key ${index + 1})`)), ...(await readOldKeyFiles(options.dataDir))];
  const distinct = new Map(old.filter((key) => key.id !== current.id).map((key) => [key.id, key]));
  return { current, old: [...distinct.values()], file: options.configured === undefined ? keyFileOf(options.dataDir) : null };
}

/**
 * Replaces the key file with a new random key, keeping the previous one as
 * `secret.key.<id>.old` first, so values sealed with it still open: the
 * rotation can stop anywhere without losing a secret.
 */
export async function renewKeyFile(options: { dataDir: string; logger?: Logger | undefined }): Promise<{ previous: SecretKey; current: SecretKey; oldFile: string }> {
  const { dataDir } = options;
  const previous = await readOrMakeKeyFile(options);
  const oldFile = join(dataDir, `${KEY_FILE}.${previous.id}.old`);
  await writeKeyFile(oldFile, previous.bytes, { exclusive: false });
  const bytes = randomBytes(32);
  const next = join(dataDir, `${KEY_FILE}.new`);
  await writeKeyFile(next, bytes, { exclusive: false });
  await rename(next, keyFileOf(dataDir));
  return { previous, current: { id: keyIdOf(bytes), bytes, source: keyFileOf(dataDir) }, oldFile };
}

function keyOf(hex: string, source: string, fix = 'make one with `openssl rand -hex 32`'): SecretKey {
  if (!KEY_HEX.test(hex)) throw new PermanentError('secret_key_invalid', `${source} must be 64 hex characters (32 bytes); ${fix}`);
  const bytes = Buffer.from(hex, 'hex');
  return { id: keyIdOf(bytes), bytes, source };
}

async function readOrMakeKeyFile(options: { dataDir: string; logger?: Logger | undefined }): Promise<SecretKey> {
  const file = keyFileOf(options.dataDir);
  const text = await readIfExists(file);
  if (text !== undefined) return keyOf(text.trim(), file, 'restore it from a backup, or delete it and set the connector secrets again');
  await mkdir(options.dataDir, { recursive: true });
  const bytes = randomBytes(32);
  // `wx`: two processes starting together keep the first key written.
  if (!(await writeKeyFile(file, bytes, { exclusive: true }))) return readOrMakeKeyFile(options);
  const key = { id: keyIdOf(bytes), bytes, source: file };
  options.logger?.warn(
    { event: 'secret_key.created', file, key_id: key.id },
    `made a new secret key at ${file}: back it up now, apart from the database backups. Every stored connector secret is sealed with it; losing it loses them (set TOLLGATE_SECRET_KEY to keep the key elsewhere)`,
  );
  return key;
}

async function readOldKeyFiles(dataDir: string): Promise<SecretKey[]> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const keys: SecretKey[] = [];
  for (const name of names.filter((item) => OLD_KEY_FILE.test(item)).sort()) {
    const file = join(dataDir, name);
    keys.push(keyOf((await readFile(file, 'utf8')).trim(), file));
  }
  return keys;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a key (mode 0600); with `exclusive`, false when the file exists already. */
async function writeKeyFile(file: string, bytes: Buffer, options: { exclusive: boolean }): Promise<boolean> {
  try {
    await writeFile(file, `${bytes.toString('hex')}\n`, { flag: options.exclusive ? 'wx' : 'w', mode: 0o600 });
  } catch (error) {
    if (options.exclusive && (error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await chmod(file, 0o600);
  return true;
}
