/**
 * Seals and opens connector secrets with AES-256-GCM. The key is
 * TOLLGATE_SECRET_KEY (64 hex characters) when set, else `<data dir>/secret.key`,
 * made on first use with 32 random bytes (file mode 0600). Each value is
 * bound to its connector and name (GCM additional data), so a sealed value
 * copied to another row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermanentError } from '../core/errors.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_HEX = /^[0-9a-fA-F]{64}$/;

export interface SecretBox {
  seal(plaintext: string, binding: string): Promise<string>;
  /** @throws PermanentError `secret_unreadable` when the key changed or the value was tampered with. */
  open(sealed: string, binding: string): Promise<string>;
}

/** A box whose key is `configured` (hex), or read from (or made in) `<dataDir>/secret.key` the first time it is needed. */
export function secretBox(options: { configured: string | undefined; dataDir: string }): SecretBox {
  let key: Promise<Buffer> | undefined;
  const keyOf = (): Promise<Buffer> => (key ??= loadKey(options));
  return {
    async seal(plaintext, binding) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await keyOf(), iv);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
    },
    async open(sealed, binding) {
      const [version, payload] = sealed.split(':', 2);
      if (version !== VERSION || payload === undefined) throw unreadable(binding, `it is not in the ${VERSION} format`);
      const bytes = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', await keyOf(), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(binding, 'utf8'));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw unreadable(binding, 'the key is not the one it was sealed with (TOLLGATE_SECRET_KEY or secret.key changed)', error);
      }
    },
  };
}

async function loadKey(options: { configured: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.configured !== undefined) {
    if (!KEY_HEX.test(options.configured)) throw new PermanentError('secret_key_invalid', 'TOLLGATE_SECRET_KEY must be 64 hex characters (32 bytes); make one with `openssl rand -hex 32`');
    return Buffer.from(options.configured, 'hex');
  }
  const file = join(options.dataDir, 'secret.key');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (!KEY_HEX.test(text)) throw new PermanentError('secret_key_invalid', `${file} must hold 64 hex characters (32 bytes); restore it from a backup, or delete it and set the connector secrets again`);
    return Buffer.from(text, 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const made = randomBytes(32);
  // `wx`: two processes starting together keep the first key written.
  try {
    await writeFile(file, `${made.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadKey(options);
    throw error;
  }
  await chmod(file, 0o600);
  return made;
}

function unreadable(binding: string, why: string, cause?: unknown): PermanentError {
  return new PermanentError('secret_unreadable', `the stored secret ${binding} cannot be opened: ${why}; set it again in Settings → Connectors`, cause === undefined ? {} : { cause });
}
