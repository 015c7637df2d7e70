import type { AuditActor } from '../core/audit-entry.ts';
import type { Caller } from './caller.ts';

/** Who acts when no caller is known: authentication is off, or Tollgate itself applies (start-up, a CLI command on the server's machine). */
export const CLI_ACTOR: AuditActor = { type: 'system', id: 'cli' };

/**
 * The audit actor of a caller: the person by email, and how they came in
 * (`session`, or `api_key:<key id>`). Without a caller: `otherwise`.
 * @example auditActorOf(request.caller) // { type: 'user', id: 'fran@example.com', via: 'api_key:k3x9' }
 */
export function auditActorOf(caller: Caller | undefined, otherwise: AuditActor = CLI_ACTOR): AuditActor {
  if (caller === undefined) return otherwise;
  const via = caller.via.kind === 'session' ? 'session' : `api_key:${caller.via.keyId}`;
  return { type: 'user', id: caller.user.email, via };
}

/**
 * The audit actor of a person named by email as who acts (a decider, a requester): the caller when it is them,
 * else the email as given while authentication is off (`via: unauthenticated`).
 */
export function actingActor(caller: Caller | undefined, email: string): AuditActor {
  if (caller !== undefined && caller.user.email.toLowerCase() === email.toLowerCase()) return auditActorOf(caller);
  return { type: 'user', id: email.toLowerCase(), via: 'unauthenticated' };
}
