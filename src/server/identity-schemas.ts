/**
 * Request and response bodies of the identity routes (/api/v1/auth, users,
 * api-keys), registered as OpenAPI components in request-schemas.ts and
 * response-schemas.ts.
 */
import { z } from 'zod';
import { EMAIL_ADDRESS, EMAIL_ADDRESS_HINT } from '../core/email-address.ts';
import { ALL_PERMISSIONS } from '../identity/permissions.ts';
import { ROLES, type Role } from '../core/roles.ts';

const email = z.string().trim().regex(EMAIL_ADDRESS, EMAIL_ADDRESS_HINT).meta({ description: 'An email address; stored in lowercase' });
const role = z.enum(ROLES as [Role, ...Role[]]);
const roles = z.array(role).min(1).meta({ description: `One or more of ${ROLES.join(', ')}` });
const password = z.string().min(1).max(1024);
const time = z.iso.datetime();

// Requests

export const userParams = z.strictObject({ user: z.string().min(1).meta({ description: 'A user id (`usr_...`) or email' }) });
export const apiKeyParams = z.strictObject({ id: z.string().min(1).meta({ description: 'An API key id (the part after `tg_`)' }) });

export const loginBody = z.strictObject({ email, password }).meta({ description: 'Log in with email and password' });

export const passwordChangeBody = z.strictObject({ current: password, password }).meta({ description: 'Change your own password' });

export const userCreateBody = z
  .strictObject({
    email,
    name: z.string().min(1).optional(),
    roles,
    password: password.optional().meta({ description: 'At least 12 characters; left out, the user logs in only after one is set' }),
  })
  .meta({ description: 'Create a user' });

export const userUpdateBody = z
  .strictObject({
    name: z.string().min(1).nullable().optional(),
    roles: roles.optional(),
    disabled: z.boolean().optional().meta({ description: 'A disabled user cannot log in and their API keys stop working' }),
    password: password.optional(),
  })
  .meta({ description: 'Change a user: only the fields given change' });

export const apiKeyCreateBody = z
  .strictObject({
    name: z.string().min(1).max(200).meta({ description: 'What the key is for, e.g. `ci deploys`' }),
    scopes: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: `Limit the key to these permissions (${ALL_PERMISSIONS.join(', ')}) or roles' permissions; left out: all of its user's` }),
    expires_at: time.optional().meta({ description: 'When the key stops working (ISO time)' }),
    expires_in: z.string().optional().meta({ description: 'Or: how long the key works, e.g. `30d`, `12h`' }),
    user: z.string().min(1).optional().meta({ description: "Whose key (id or email); admins only. Left out: the caller's own" }),
  })
  .meta({ description: 'Create an API key; the answer holds its secret, once' });

export const identityRequestComponents = {
  LoginRequest: loginBody,
  PasswordChangeRequest: passwordChangeBody,
  UserCreateRequest: userCreateBody,
  UserUpdateRequest: userUpdateBody,
  ApiKeyCreateRequest: apiKeyCreateBody,
} as const;

// Responses

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  roles: z.array(role),
  teams: z.array(z.string()).meta({ description: 'The teams whose members include this email' }),
  disabled: z.boolean(),
  has_password: z.boolean(),
  locked_until: time.nullable().meta({ description: 'Set while too many failed logins lock the account: when the lock ends. `POST /users/{user}/unlock` ends it now' }),
  created_at: time,
  updated_at: time,
});
export const userResponseSchema = z.object({ user: userSchema });
export const userListResponseSchema = z.object({ users: z.array(userSchema) });

export const meResponseSchema = z.object({
  user: userSchema,
  via: z.enum(['api_key', 'session']),
  permissions: z.array(z.string()).meta({ description: "What the caller may do: the roles' permissions, narrowed by the API key's scopes" }),
});
export const loginResponseSchema = z.object({ user: userSchema, expires_at: time });

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string().meta({ description: 'The key with its secret cut: `tg_<id>_<first 8>…`' }),
  user: z.string().meta({ description: "The owner's email" }),
  scopes: z.array(z.string()).nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  expires_at: time.nullable(),
  revoked_at: time.nullable(),
  last_used_at: time.nullable(),
  created_at: time,
});
export const apiKeyResponseSchema = z.object({ api_key: apiKeySchema });
export const apiKeyListResponseSchema = z.object({ api_keys: z.array(apiKeySchema) });
export const apiKeyCreatedResponseSchema = z.object({
  api_key: apiKeySchema,
  secret: z.string().meta({ description: 'The whole key, `tg_<id>_<secret>`: shown this once; send it as `Authorization: Bearer <secret>`' }),
});
export const logoutResponseSchema = z.object({ logged_out: z.literal(true) });

export type UserBody = z.output<typeof userSchema>;
export type ApiKeyBody = z.output<typeof apiKeySchema>;

export const identityResponseComponents = {
  User: userSchema,
  UserResponse: userResponseSchema,
  UserListResponse: userListResponseSchema,
  MeResponse: meResponseSchema,
  LoginResponse: loginResponseSchema,
  LogoutResponse: logoutResponseSchema,
  ApiKey: apiKeySchema,
  ApiKeyResponse: apiKeyResponseSchema,
  ApiKeyListResponse: apiKeyListResponseSchema,
  ApiKeyCreatedResponse: apiKeyCreatedResponseSchema,
} as const;
