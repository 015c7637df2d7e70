/**
 * Password hashing with scrypt (node:crypto): a random 16-byte salt per
 * password, stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64) so
 * the cost can be raised later without breaking stored hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { InvalidInputError } from '../core/errors.ts';

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Stored parameters above these are refused rather than allowed to eat memory. */
const MAX_N = 2 ** 20;
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }, length: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; node's default ceiling (32 MiB) is exactly N=2^15, r=8, so leave room.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Hashes a password for storage.
 * @throws InvalidInputError `password_too_short` below MIN_PASSWORD_LENGTH characters.
 * @example const stored = await hashPassword('correct horse battery'); // 'scrypt$32768$8$1$...'
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError('password_too_short', `the password has ${password.length} characters; use at least ${MIN_PASSWORD_LENGTH}`, [], { path: 'password' });
  }
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, COST, KEY_LENGTH);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.hash.length);
  return timingSafeEqual(key, parsed.hash);
}

/** Spends the time of one verification, so that an unknown email answers as slowly as a wrong password. */
export async function spendVerificationTime(password: string): Promise<void> {
  await derive(password, randomBytes(SALT_LENGTH), COST, KEY_LENGTH);
}

function parseStored(stored: string): { cost: { N: number; r: number; p: number }; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || salt === undefined || hash === undefined) return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const valid = Number.isInteger(cost.N) && cost.N > 1 && cost.N <= MAX_N && (cost.N & (cost.N - 1)) === 0 && cost.r >= 1 && cost.r <= 32 && cost.p >= 1 && cost.p <= 16;
  if (!valid) return undefined;
  const hashBytes = Buffer.from(hash, 'base64');
  if (hashBytes.length < 16) return undefined;
  return { cost, salt: Buffer.from(salt, 'base64'), hash: hashBytes };
}

/** A random password for a person to type once and then change: 20 characters from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // 256 is not a multiple of 56: reject the top bytes so every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  let password = '';
  while (password.length < 20) {
    for (const byte of randomBytes(32)) {
      if (byte < limit && password.length < 20) password += alphabet[byte % alphabet.length];
    }
  }
  return password;
}
