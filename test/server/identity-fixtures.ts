/** Users and keys for the identity tests, made through the use cases (not over HTTP). */
import type { AppContext } from '../../src/application/app-context.ts';
import { createApiKey } from '../../src/identity/api-key-admin.ts';
import type { Role } from '../../src/core/roles.ts';
import { createUser, updateUser } from '../../src/identity/user-admin.ts';

export const PASSWORD = 'correct horse battery staple';

/** A user with `roles`, the password PASSWORD, and an API key (optionally scoped). */
export async function userWithKey(app: AppContext, email: string, roles: Role[], options: { scopes?: string[] } = {}): Promise<{ id: string; key: string }> {
  // Team documents already make their members users (without a password): give those the roles and password.
  const existing = await app.identity.store.getUserByEmail(email.toLowerCase());
  const user = existing ? await updateUser(app.identity, existing.id, { roles, password: PASSWORD }) : await createUser(app.identity, { email, roles, password: PASSWORD });
  const created = await createApiKey(app.identity, undefined, { name: `${email} test key`, user: user.id, ...(options.scopes ? { scopes: options.scopes } : {}) });
  return { id: user.id, key: created.secret };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** The `name=value` of a Set-Cookie header, to send back as a Cookie header. */
export function cookieOf(setCookie: unknown): string {
  const header = Array.isArray(setCookie) ? String(setCookie[0]) : String(setCookie);
  return header.split(';')[0] ?? '';
}
