/**
 * API keys: created for a user (the secret is returned once and only its
 * hash kept), optionally limited to scopes and given an expiry, revocable,
 * and checked on every request that sends one.
 */
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthorizedError } from '../core/errors.ts';
import type { StoredApiKey, StoredUser } from '../store/identity-store.ts';
import { newApiKeyText, parseApiKeyText, sameDigest, sha256Hex } from './api-key-format.ts';
import { auditActorOf } from './audit-actor.ts';
import { callerOf, HOW_TO_AUTHENTICATE, type Caller } from './caller.ts';
import { requireGrantable } from './grant-limits.ts';
import type { IdentityContext } from './identity-context.ts';
import { ALL_PERMISSIONS, isScope } from './permissions.ts';
import { ROLES } from '../core/roles.ts';
import { requireUser } from './user-admin.ts';

export interface NewApiKey {
  name: string;
  /** Permissions or roles the key is limited to; left out: all of its user's permissions (or the creating key's scopes). */
  scopes?: string[];
  expiresAt?: Date;
  /** Whose key (id or email); left out: the caller's own. Only admins create keys for others. */
  user?: string;
}

export interface CreatedApiKey {
  key: StoredApiKey;
  user: StoredUser;
  /** The whole key text, `tg_<id>_<secret>`: shown once, not stored. */
  secret: string;
}

export interface ApiKeyWithOwner {
  key: StoredApiKey;
  /** The owner's email. */
  user: string;
}

/** A key record for `user`, not yet saved, and its secret text. */
export function newApiKeyRecord(input: { userId: string; name: string; scopes: string[] | null; expiresAt: Date | null; now: Date }): { key: StoredApiKey; secret: string } {
  const text = newApiKeyText();
  return {
    secret: text.text,
    key: { id: text.id, name: input.name, prefix: text.prefix, hash: text.hash, userId: input.userId, scopes: input.scopes, expiresAt: input.expiresAt, revokedAt: null, lastUsedAt: null, createdAt: input.now },
  };
}

/** Whether the caller may act on everyone's keys. In auth mode `off` a request without credentials may. */
function isIdentityAdmin(caller: Caller | undefined): boolean {
  return caller === undefined || caller.permissions.has('identity.admin');
}

/**
 * Creates a key. Its scopes stand only for permissions the caller holds (a key
 * made with a scoped key can do no more than that key).
 * @throws ForbiddenError `forbidden` for another user's key without identity.admin; `grant_beyond_caller` for scopes beyond the caller's;
 *   InvalidInputError `scope_invalid` / `expiry_invalid`; UnauthorizedError when nobody is named and nobody is logged in.
 */
export async function createApiKey(identity: IdentityContext, caller: Caller | undefined, input: NewApiKey): Promise<CreatedApiKey> {
  const owner = input.user !== undefined ? await requireUser(identity, input.user) : caller === undefined ? undefined : await requireUser(identity, caller.user.id);
  if (owner === undefined) throw new UnauthorizedError('unauthenticated', `a key belongs to a user: name one with \`user\`, or ${HOW_TO_AUTHENTICATE}`);
  if (caller !== undefined && owner.id !== caller.user.id && !isIdentityAdmin(caller)) {
    throw new ForbiddenError('forbidden', `only admins create API keys for other users (${owner.email}); leave out \`user\` to create your own`);
  }
  const invalid = (input.scopes ?? []).filter((scope) => !isScope(scope));
  if (invalid.length > 0) {
    throw new InvalidInputError('scope_invalid', `unknown scope(s) ${invalid.join(', ')}; a scope is a role (${ROLES.join(', ')}) or a permission (${ALL_PERMISSIONS.join(', ')})`, [], { path: 'scopes' });
  }
  const now = identity.clock.now();
  if (input.expiresAt !== undefined && input.expiresAt.getTime() <= now.getTime()) {
    throw new InvalidInputError('expiry_invalid', `the expiry ${input.expiresAt.toISOString()} is not in the future; give a later time`, [], { path: 'expires_at' });
  }
  if (input.scopes !== undefined) requireGrantable(caller, { scopes: input.scopes }, { what: `an API key with the scope(s) ${input.scopes.join(', ')}`, path: 'scopes' });
  const scopes = scopesFor(caller, input.scopes);
  const { key, secret } = newApiKeyRecord({ userId: owner.id, name: input.name, scopes, expiresAt: input.expiresAt ?? null, now });
  const audit = { actor: auditActorOf(caller), action: 'api_key.created', target: { type: 'api_key', id: key.id }, detail: { user: owner.email, name: key.name, scopes: key.scopes, expires_at: key.expiresAt?.toISOString() ?? null }, at: now } as const;
  await identity.store.insertApiKey(key, audit);
  identity.logger.info({ event: 'api_key.created', key: key.id, user: owner.email, by: caller?.user.email ?? null, scopes }, 'API key created');
  return { key, user: owner, secret };
}

/** The scopes to store: those requested, else a scoped caller's own permissions (a key made with a scoped key keeps its limits). */
function scopesFor(caller: Caller | undefined, requested: string[] | undefined): string[] | null {
  if (requested !== undefined) return requested;
  return caller?.via.kind === 'api_key' && caller.via.scopes !== null ? [...caller.permissions] : null;
}

/** The caller's own keys; an admin's listing holds everyone's. Newest first; no secrets. */
export async function listApiKeys(identity: IdentityContext, caller: Caller | undefined): Promise<ApiKeyWithOwner[]> {
  const all = isIdentityAdmin(caller);
  const keys = await identity.store.listApiKeys(all || caller === undefined ? {} : { userId: caller.user.id });
  const emails = new Map((await identity.store.listUsers()).map((user) => [user.id, user.email]));
  return keys.map((key) => ({ key, user: emails.get(key.userId) ?? key.userId }));
}

/** Revokes a key: its owner or an admin may. @throws NotFoundError `api_key_not_found` (also for someone else's key). */
export async function revokeApiKey(identity: IdentityContext, caller: Caller | undefined, id: string): Promise<ApiKeyWithOwner> {
  const keyId = parseApiKeyText(id)?.id ?? id.replace(/^tg_/, '').split('_')[0] ?? id;
  const key = await identity.store.getApiKey(keyId);
  if (!key || (!isIdentityAdmin(caller) && key.userId !== caller?.user.id)) {
    throw new NotFoundError('api_key_not_found', `no API key "${id}" of yours; list them with \`tollgate keys list\``, { path: 'id' });
  }
  const owner = await identity.store.getUser(key.userId);
  const now = identity.clock.now();
  const audit = { actor: auditActorOf(caller), action: 'api_key.revoked', target: { type: 'api_key', id: key.id }, detail: { user: owner?.email ?? key.userId, name: key.name, scopes: key.scopes }, at: now } as const;
  await identity.store.revokeApiKey(key.id, now, audit);
  identity.logger.info({ event: 'api_key.revoked', key: key.id, user: owner?.email ?? null, by: caller?.user.email ?? null }, 'API key revoked');
  const revoked = await identity.store.getApiKey(key.id);
  return { key: revoked ?? key, user: owner?.email ?? key.userId };
}

/**
 * The caller an `Authorization: Bearer` key stands for.
 * @throws UnauthorizedError `unauthenticated`: not a key, unknown, wrong secret, revoked, expired, or its user disabled.
 */
export async function authenticateApiKey(identity: IdentityContext, text: string): Promise<Caller> {
  const parsed = parseApiKeyText(text);
  if (parsed === undefined) throw new UnauthorizedError('unauthenticated', `the Bearer token is not a Tollgate API key (tg_<id>_<secret>); ${HOW_TO_AUTHENTICATE}`);
  const key = await identity.store.getApiKey(parsed.id);
  if (!key || !sameDigest(key.hash, sha256Hex(parsed.secret))) {
    throw new UnauthorizedError('unauthenticated', `the API key tg_${parsed.id} is not valid here; check you copied all of it, or create a new one with \`tollgate keys create\``);
  }
  const now = identity.clock.now();
  if (key.revokedAt !== null) throw new UnauthorizedError('unauthenticated', `the API key tg_${key.id} was revoked at ${key.revokedAt.toISOString()}; create a new one with \`tollgate keys create\``);
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) {
    throw new UnauthorizedError('unauthenticated', `the API key tg_${key.id} expired at ${key.expiresAt.toISOString()}; create a new one with \`tollgate keys create\``);
  }
  const user = await identity.store.getUser(key.userId);
  if (!user || user.disabled) throw new UnauthorizedError('unauthenticated', `the user of API key tg_${key.id} is disabled; an admin can enable it with \`tollgate users update\``);
  await identity.store.touchApiKey(key, now);
  return callerOf(user, key);
}
