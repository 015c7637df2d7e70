/**
 * Who may do what, in ONE place: every permission and the roles that hold it.
 * Each API route names the permission it needs (`permission` in its
 * declaration); authenticate.ts checks it with `hasPermission`. An API key's
 * scopes can only narrow what its user's roles allow.
 */
import { Role, ROLES, isRole } from '../core/roles.ts';

const everyone = ROLES;
const editors = [Role.admin, Role.editor] as const;

/** Permission -> the roles that hold it. */
export const PERMISSIONS = {
  /** Read workflows, their versions, exports; validate definitions. */
  'workflows.read': everyone,
  /** Publish, activate, deactivate, archive workflows. */
  'workflows.write': editors,
  /** Apply definitions (workflows, teams, services, connectors). */
  'definitions.apply': editors,
  /** Read runs and their step timelines. */
  'runs.read': everyone,
  /** Start, cancel and retry runs. */
  'runs.operate': editors,
  /** Read approval tasks. */
  'approvals.read': everyone,
  /** Decide approval tasks (decide-approval.ts still checks the task's team or users). */
  'approvals.decide': [Role.admin, Role.approver],
  /** Read the service catalog. */
  'catalog.read': everyone,
  /** Submit requests from the catalog and follow one's own. */
  'requests.submit': [Role.admin, Role.editor, Role.approver, Role.requester],
  /**
   * Read every catalog request and its run, form values included. Without it,
   * one reads one's own requests, and the run of a request only as its
   * requester or as an approver assigned to one of its approval tasks.
   */
  'requests.read_all': [Role.admin, Role.editor, Role.approver, Role.viewer],
  /** Read received Stripe events and what they started. */
  'events.read': everyone,
  /** Send or trigger events by hand (sandbox, replays). */
  'events.send': editors,
  /** One's own account: who am I, one's own API keys, one's password. */
  'account.self': everyone,
  /** Read, export and verify the audit trail (an auditor: an admin, or a key scoped to just this). */
  'audit.read': [Role.admin],
  /** Manage users and everyone's API keys. */
  'identity.admin': [Role.admin],
  /** Scrape the Prometheus metrics at /metrics (a key can be scoped to just this). */
  'metrics.read': [Role.admin],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The roles that hold `permission`. */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

/** Every permission any of `roles` holds. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(ALL_PERMISSIONS.filter((permission) => rolesWith(permission).some((role) => roles.includes(role))));
}

/**
 * The permissions a list of API key scopes stands for: each scope is a
 * permission (`runs.read`) or a role (`viewer`, meaning all its permissions).
 */
export function permissionsOfScopes(scopes: readonly string[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const scope of scopes) {
    if (isPermission(scope)) result.add(scope);
    else if (isRole(scope)) for (const permission of permissionsOf([scope])) result.add(permission);
  }
  return result;
}

/** True when `scope` is a permission or a role name. */
export function isScope(scope: string): boolean {
  return isPermission(scope) || isRole(scope);
}
