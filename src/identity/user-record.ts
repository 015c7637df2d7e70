import { newId } from '../core/ids.ts';
import type { StoredUser } from '../store/identity-store.ts';
import type { Role } from '../core/roles.ts';

/** Emails are stored and compared in lowercase. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A user record, not yet saved. */
export function newUserRecord(input: { email: string; name: string | null; roles: Role[]; passwordHash: string | null; now: Date }): StoredUser {
  return {
    id: newId('usr', input.now),
    email: normalizeEmail(input.email),
    name: input.name,
    passwordHash: input.passwordHash,
    roles: [...new Set(input.roles)],
    disabled: false,
    createdAt: input.now,
    updatedAt: input.now,
  };
}
