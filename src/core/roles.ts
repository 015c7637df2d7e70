/**
 * The roles a user may hold (DESIGN.md, Concepts: Team, User). What each role
 * may do is decided in src/identity/permissions.ts, and only there. The vocabulary lives
 * in core because the store keeps roles and identity decides with them.
 */
export const Role = {
  admin: 'admin',
  editor: 'editor',
  approver: 'approver',
  requester: 'requester',
  viewer: 'viewer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** Every role, most powerful first. */
export const ROLES: readonly Role[] = [Role.admin, Role.editor, Role.approver, Role.requester, Role.viewer];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
