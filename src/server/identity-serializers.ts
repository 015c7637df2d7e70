/** Identity records to response bodies: snake_case keys, ISO times, never a hash or a secret. */
import type { ApiKeyWithOwner } from '../identity/api-key-admin.ts';
import type { ListedUser } from '../identity/user-admin.ts';
import { maskedApiKey } from '../identity/api-key-format.ts';
import type { ApiKeyBody, UserBody } from './identity-schemas.ts';

export function serializeUser({ user, teams, lockedUntil }: ListedUser): UserBody {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    teams: [...teams],
    disabled: user.disabled,
    has_password: user.passwordHash !== null,
    locked_until: lockedUntil?.toISOString() ?? null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export function serializeApiKey({ key, user }: ApiKeyWithOwner, now: Date): ApiKeyBody {
  const status = key.revokedAt !== null ? 'revoked' : key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
  return {
    id: key.id,
    name: key.name,
    key: maskedApiKey(key.id, key.prefix),
    user,
    scopes: key.scopes,
    status,
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    created_at: key.createdAt.toISOString(),
  };
}
