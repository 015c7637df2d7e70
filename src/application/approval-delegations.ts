/**
 * A person's delegations while away: listing them and ending one early.
 * (Making one is delegateApprovals in approval-inbox.ts.) A delegation is
 * named by who it goes to and when it starts; its id carries both.
 */
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts';
import { actingActor } from '../identity/audit-actor.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';

export const DelegationState = { upcoming: 'upcoming', active: 'active', ended: 'ended' } as const;
export type DelegationState = (typeof DelegationState)[keyof typeof DelegationState];
export const DELEGATION_STATES = Object.values(DelegationState);

export interface DelegationView {
  id: string;
  user: string;
  delegate: string;
  startsAt: Date;
  endsAt: Date;
  state: DelegationState;
}

export const MAX_DELEGATION_PAGE = 100;

/** `dlg_` and the delegate and start, base64url: stable, and enough to find the row. */
export function delegationId(delegate: string, startsAt: Date): string {
  return `dlg_${Buffer.from(`${delegate}\n${startsAt.getTime()}`).toString('base64url')}`;
}

function parseDelegationId(id: string): { delegate: string; startsAt: Date } {
  const [delegate, start] = id.startsWith('dlg_') ? Buffer.from(id.slice(4), 'base64url').toString('utf8').split('\n') : [];
  const startsAt = new Date(Number(start));
  if (delegate === undefined || delegate === '' || start === undefined || !/^\d+$/.test(start) || Number.isNaN(startsAt.getTime())) {
    throw new InvalidInputError('delegation_id_invalid', `"${id}" is not a delegation id; take the id from GET /api/v1/approvals/delegations`, [], { path: 'id' });
  }
  return { delegate, startsAt };
}

/** The delegation `user` made, as its id and state at `now` show it. */
export function delegationView(user: string, delegate: string, startsAt: Date, endsAt: Date, now: Date): DelegationView {
  return { id: delegationId(delegate, startsAt), user, delegate, startsAt, endsAt, state: stateAt(startsAt, endsAt, now) };
}

function stateAt(startsAt: Date, endsAt: Date, now: Date): DelegationState {
  // Ended before it began: an upcoming delegation that was called off.
  if (endsAt.getTime() <= startsAt.getTime()) return DelegationState.ended;
  if (now.getTime() < startsAt.getTime()) return DelegationState.upcoming;
  return now.getTime() < endsAt.getTime() ? DelegationState.active : DelegationState.ended;
}

/** The delegations `user` made, latest start first; `current` keeps those not yet ended. */
export async function listDelegations(app: AppContext, input: { user: string; current: boolean; limit: number }): Promise<DelegationView[]> {
  const user = input.user.trim().toLowerCase();
  const now = app.engine.clock.now();
  const rows = await app.approvals.delegationsOf(user, input.current ? 1000 : input.limit);
  return rows
    .map((row) => delegationView(user, row.delegateEmail, row.startsAt, row.endsAt, now))
    .filter((view) => !input.current || view.state !== DelegationState.ended)
    .slice(0, input.limit);
}

/**
 * Ends one of `user`'s delegations now (an upcoming one never starts).
 * @throws NotFoundError `delegation_not_found`; ConflictError `delegation_ended`.
 */
export async function endDelegation(app: AppContext, input: { user: string; id: string; caller?: Caller | undefined }): Promise<DelegationView> {
  const user = input.user.trim().toLowerCase();
  const { delegate, startsAt } = parseDelegationId(input.id);
  const now = app.engine.clock.now();
  const endsAt = new Date(Math.max(now.getTime(), startsAt.getTime()));
  const audit = {
    actor: actingActor(input.caller, user),
    action: 'approval.delegated',
    target: { type: 'user', id: user },
    detail: { delegate, starts_at: startsAt.toISOString(), ends_at: endsAt.toISOString(), ended: true },
    at: now,
  } as const;
  const changed = await app.approvals.endDelegation({ userEmail: user, delegateEmail: delegate, startsAt, endsAt, audit });
  const all = await app.approvals.delegationsOf(user, 1000);
  const row = all.find((candidate) => candidate.delegateEmail === delegate && candidate.startsAt.getTime() === startsAt.getTime());
  if (row === undefined) throw new NotFoundError('delegation_not_found', `${user} has no delegation ${input.id}; list yours with GET /api/v1/approvals/delegations`, { path: 'id' });
  if (!changed) throw new ConflictError('delegation_ended', `the delegation to ${delegate} already ended at ${row.endsAt.toISOString()}`, { path: 'id' });
  return { id: input.id, user, delegate, startsAt: row.startsAt, endsAt: row.endsAt, state: stateAt(row.startsAt, row.endsAt, now) };
}
