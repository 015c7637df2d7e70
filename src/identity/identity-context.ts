import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { IdentityStore } from '../store/identity-store.ts';
import type { LoginAttemptStore } from '../store/login-attempt-store.ts';

/** Whether the API refuses callers without credentials (TOLLGATE_AUTH). */
export const AuthMode = { required: 'required', off: 'off' } as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];

/** What the identity use cases need: users, keys and sessions, failed logins, a clock, a logger and the auth mode. */
export interface IdentityContext {
  store: IdentityStore;
  /** Failed logins per account and address (login-lockout.ts). */
  loginAttempts: LoginAttemptStore;
  clock: Clock;
  logger: Logger;
  /** `required`: every non-public route needs credentials and a permission; `off`: every request passes (tests, trusted set-ups). */
  mode: AuthMode;
  /** How long a web-app session lasts after login. */
  sessionTtlMs: number;
}

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
