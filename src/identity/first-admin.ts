/**
 * The first admin: when no admin exists (a new database), `tollgate start`
 * creates one with a random password and an API key for the local CLI, and
 * prints both once. Later starts find the admin and create nothing.
 */
import { newApiKeyRecord } from './api-key-admin.ts';
import type { IdentityContext } from './identity-context.ts';
import { generatePassword, hashPassword } from './password-hash.ts';
import { Role } from '../core/roles.ts';
import { newUserRecord } from './user-record.ts';

export const DEFAULT_ADMIN_EMAIL = 'admin@localhost';

export interface FirstAdmin {
  email: string;
  /** Shown once; only its scrypt hash is stored. */
  password: string;
  /** An unscoped API key of the admin for the local CLI, `tg_...`; shown once. */
  apiKey: string;
}

/**
 * Creates the first admin and its CLI key, or nothing when an admin exists.
 * Safe to call on every start, and from several processes at once.
 * @returns the credentials to show once, or undefined when an admin existed.
 */
export async function bootstrapFirstAdmin(identity: IdentityContext, options: { email?: string } = {}): Promise<FirstAdmin | undefined> {
  if ((await identity.store.countEnabledAdmins()) > 0) return undefined;
  const now = identity.clock.now();
  const password = generatePassword();
  const user = newUserRecord({ email: options.email ?? DEFAULT_ADMIN_EMAIL, name: 'Administrator', roles: [Role.admin], passwordHash: await hashPassword(password), now });
  const { key, secret } = newApiKeyRecord({ userId: user.id, name: 'tollgate CLI (made by tollgate start)', scopes: null, expiresAt: null, now });
  if (!(await identity.store.insertFirstAdmin(user, key))) return undefined;
  identity.logger.info({ event: 'first_admin.created', email: user.email, key: key.id }, 'first admin created');
  return { email: user.email, password, apiKey: secret };
}
