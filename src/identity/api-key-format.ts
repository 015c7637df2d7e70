/**
 * The text of an API key, `tg_<id>_<secret>`: the id finds the stored key,
 * the secret proves it. Only a SHA-256 of the secret is stored (the secret is
 * 32 random bytes, so a fast hash is enough); the text is shown once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^tg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKeyText {
  id: string;
  /** The whole key, for the caller to keep: shown once, never stored. */
  text: string;
  /** The first 8 characters of the secret, stored to tell keys apart in listings. */
  prefix: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
}

export function newApiKeyText(): NewApiKeyText {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, text: `tg_${id}_${secret}`, prefix: secret.slice(0, 8), hash: sha256Hex(secret) };
}

/** The id and secret of a key's text, or undefined when it is not shaped like a Tollgate API key. */
export function parseApiKeyText(text: string): { id: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(text);
  const id = match?.[1];
  const secret = match?.[2];
  return id === undefined || secret === undefined ? undefined : { id, secret };
}

/** How a key is shown in listings: its id and the start of its secret, e.g. `tg_0123456789abcdef_AbCd1234…`. */
export function maskedApiKey(id: string, prefix: string): string {
  return `tg_${id}_${prefix}…`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
