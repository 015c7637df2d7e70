/**
 * Who is calling, by email. authenticate.ts attaches the caller its
 * credentials stand for as `request.caller`. With authentication required,
 * that is who acts, and an explicit email naming someone else is refused.
 * With it off (trusted set-ups, tests), routes that need a person take an
 * explicit email from the request (`by`, `requester`, `as`) and fall back to
 * the caller when credentials were sent anyway: the fallback is documented
 * on each such field.
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../application/app-context.ts';
import { ForbiddenError, InvalidInputError } from '../core/errors.ts';
import { AuthMode } from '../identity/identity-context.ts';
import { rolesWith } from '../identity/permissions.ts';
import type { Role } from '../core/roles.ts';

/** Who is calling, as the catalog and approval routes need it. */
export interface ActingCaller {
  /** Lower case. */
  email: string;
  roles: readonly Role[];
}

/** Roles that see more than their own requests. */
const BROAD_ROLES: ReadonlySet<Role> = new Set<Role>(rolesWith('requests.read_all'));

/** The authenticated caller, or undefined when the request sent no credentials. */
export function authenticatedCaller(request: FastifyRequest): ActingCaller | undefined {
  const user = request.caller?.user;
  return user === undefined ? undefined : { email: user.email.trim().toLowerCase(), roles: user.roles };
}

/**
 * The email of the person acting.
 * - Authentication required: the authenticated caller.
 * - Authentication off: `given` (the request's explicit field), else the caller if credentials were sent.
 * @throws ForbiddenError `caller_mismatch` when authentication is required and `given` names someone
 *   other than the caller; InvalidInputError `caller_unknown` when nothing says who acts.
 */
export function actingEmail(request: FastifyRequest, given: string | undefined, options: { field: string; authRequired: boolean }): string {
  const { field } = options;
  const caller = authenticatedCaller(request);
  const named = given?.trim().toLowerCase() || undefined;
  if (caller !== undefined && (options.authRequired || named === undefined)) {
    if (named !== undefined && named !== caller.email) {
      throw new ForbiddenError('caller_mismatch', `you are signed in as ${caller.email} and cannot act as ${named}; leave out \`${field}\``, { path: field });
    }
    return caller.email;
  }
  if (named === undefined) {
    throw new InvalidInputError('caller_unknown', `say who is acting: authenticate (Authorization: Bearer <api key>), or, while authentication is off, give \`${field}\` (an email)`, [], {
      path: field,
    });
  }
  return named;
}

/** Whether the system requires authentication (TOLLGATE_AUTH). */
export function authRequired(app: AppContext): boolean {
  return app.identity.mode === AuthMode.required;
}

/** True when the caller holds only the requester role (or none that reads others' requests): they see their own requests only. */
export function seesOnlyOwnRequests(caller: ActingCaller | undefined): boolean {
  return caller !== undefined && !caller.roles.some((role) => BROAD_ROLES.has(role));
}
