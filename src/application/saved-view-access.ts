/**
 * Who may see and change a saved view. A person sees their own views and
 * those shared with a team they are a member of; only a view's owner, or an
 * admin, changes or deletes it. A view the caller cannot see answers 404,
 * as if it did not exist (its name and owner are nobody else's business);
 * one they see through their team but do not own answers 403, which says
 * whose it is, so the person knows to save their own copy.
 */
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../core/errors.ts';
import { HOW_TO_AUTHENTICATE, type Caller } from '../identity/caller.ts';
import type { StoredSavedView } from '../store/saved-view-store.ts';
import type { AppContext } from './app-context.ts';

/** The caller with the teams they are a member of (by their email, as Team documents list members). */
export interface ViewCaller {
  caller: Caller;
  teamIds: string[];
  /** Holds identity.admin: may change and delete anyone's view. */
  admin: boolean;
}

/** @throws UnauthorizedError `unauthenticated` without a caller: a view belongs to a user, even with authentication off. */
export async function viewCallerOf(app: AppContext, caller: Caller | undefined): Promise<ViewCaller> {
  if (caller === undefined) throw new UnauthorizedError('unauthenticated', `a saved view belongs to a person: ${HOW_TO_AUTHENTICATE}`);
  const teams = await app.identity.store.teamsByEmail([caller.user.email]);
  return { caller, teamIds: teams.get(caller.user.email) ?? [], admin: caller.permissions.has('identity.admin') };
}

/** Whether the caller sees the view: their own, or shared with one of their teams. */
export function canSee(who: ViewCaller, view: StoredSavedView): boolean {
  return view.ownerUserId === who.caller.user.id || (view.teamId !== null && who.teamIds.includes(view.teamId));
}

/** Whether the caller may rename, change or delete the view. */
export function canChange(who: ViewCaller, view: StoredSavedView): boolean {
  return view.ownerUserId === who.caller.user.id || who.admin;
}

/**
 * The view `id`, for the caller to change or delete.
 * @throws NotFoundError `saved_view_not_found` (path `id`) for a view that does not exist or that the caller does not see;
 *   ForbiddenError `saved_view_not_owner` for a view shared with their team that someone else owns.
 */
export async function requireChangeableView(app: AppContext, who: ViewCaller, id: string): Promise<StoredSavedView> {
  const view = await app.engine.store.savedViews.get(id);
  if (view === undefined || (!canSee(who, view) && !who.admin)) {
    throw new NotFoundError('saved_view_not_found', `you have no saved view "${id}" (yours, or shared with your teams); list them with GET /api/v1/views`, { path: 'id' });
  }
  if (!canChange(who, view)) {
    throw new ForbiddenError('saved_view_not_owner', `the view "${view.name}" is ${view.ownerEmail}'s, shared with the team ${view.teamId ?? ''}: only they or an admin may change it; save your own copy instead`, {
      path: 'id',
    });
  }
  return view;
}
