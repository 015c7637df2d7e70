/**
 * Seals and opens connector secrets with AES-256-GCM, under the keys of a
 * SecretKeyRing (system/secret-key-ring.ts). A sealed value is
 * `v2:<key id>:<base64 of IV, GCM tag, ciphertext>`: it names the key that
 * sealed it, so after a rotation old values open with their old key until
 * `tollgate secrets rotate` re-seals them. `v1:` values (before key ids) are
 * tried with every key. Each value is bound to its owner and name (GCM
 * additional data), so a sealed value copied to another row does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PermanentError } from '../core/errors.ts';
import { loadKeyRing, type KeyRingOptions, type SecretKey, type SecretKeyRing } from './secret-key-ring.ts';

const VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_V2 = /^v2:([0-9a-f]{8}):([A-Za-z0-9+/=]+)$/;
const SEALED_V1 = /^v1:([A-Za-z0-9+/=]+)$/;

export interface SecretBox {
  seal(plaintext: string, binding: string): Promise<string>;
  /**
   * @throws PermanentError `secret_key_unknown` when the value names a key the ring lacks;
   *   `secret_unreadable` when the value was tampered with, belongs to another binding, or is no sealed value.
   */
  open(sealed: string, binding: string): Promise<string>;
  /** The keys it uses (loaded on first use). */
  keys(): Promise<SecretKeyRing>;
}

/** A box whose keys are loaded (or the key file made) the first time it is needed. */
export function secretBox(options: KeyRingOptions): SecretBox {
  let ring: Promise<SecretKeyRing> | undefined;
  return secretBoxOf(() => (ring ??= loadKeyRing(options)));
}

/** A box over keys already loaded (a rotation builds one over the renewed ring). */
export function secretBoxOf(keys: () => Promise<SecretKeyRing>): SecretBox {
  return {
    keys,
    async seal(plaintext, binding) {
      const { current } = await keys();
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}:${current.id}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
    },
    async open(sealed, binding) {
      const ring = await keys();
      const v2 = SEALED_V2.exec(sealed);
      if (v2) {
        const [, keyId = '', payload = ''] = v2;
        const key = [ring.current, ...ring.old].find((candidate) => candidate.id === keyId);
        if (key === undefined) throw unknownKey(binding, keyId, ring);
        return decrypt(payload, key, binding) ?? fail(unreadable(binding, `it does not open with key ${keyId}: the value was altered or belongs to another secret`));
      }
      const payload = SEALED_V1.exec(sealed)?.[1];
      if (payload === undefined) throw unreadable(binding, 'it is not a sealed value (v2:<key id>:… or v1:…)');
      for (const key of [ring.current, ...ring.old]) {
        const opened = decrypt(payload, key, binding);
        if (opened !== undefined) return opened;
      }
      throw unreadable(binding, `none of the keys opens it (current ${ring.current.id}${ring.old.map((key) => `, old ${key.id}`).join('')}): the key it was sealed with is gone (TOLLGATE_SECRET_KEY or secret.key changed)`);
    },
  };
}

/** The id of the key a sealed value names; null for a `v1:` value, which names none. */
export function sealedKeyId(sealed: string): string | null {
  return SEALED_V2.exec(sealed)?.[1] ?? null;
}

function decrypt(payload: string, key: SecretKey, binding: string): string | undefined {
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(binding, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

function fail(error: Error): never {
  throw error;
}

function unknownKey(binding: string, keyId: string, ring: SecretKeyRing): PermanentError {
  const known = [`current ${ring.current.id}`, ...ring.old.map((key) => `old ${key.id}`)].join(', ');
  return new PermanentError(
    'secret_key_unknown',
    `the stored secret ${binding} was sealed with key ${keyId}, which is not among the keys loaded (${known}); ` +
      `put that key in TOLLGATE_SECRET_KEY_OLD (or its file back as secret.key.${keyId}.old), or set the secret again`,
  );
}

function unreadable(binding: string, why: string): PermanentError {
  return new PermanentError('secret_unreadable', `the stored secret ${binding} cannot be opened: ${why}; set it again in Settings → Connectors`);
}
