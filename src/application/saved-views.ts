/**
 * Saved views: a person's named filters of a list page (approvals, runs,
 * requests, events), theirs alone or shared with one of their teams.
 * Listing, saving, changing and deleting one; who may do what is in
 * saved-view-access.ts. A view shared with a team changes what the team
 * sees, so the audit trail records the changes of shared views, as it does
 * API keys and delegations; a view no one else sees is a bookmark, and left out.
 */
import type { AuditEntryInput } from '../core/audit-entry.ts';
import { ConflictError, InvalidInputError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { ViewPage } from '../core/saved-view-pages.ts';
import { savedViewQueryIssues } from '../core/saved-view-query.ts';
import { auditActorOf } from '../identity/audit-actor.ts';
import { requirePermission, type Caller } from '../identity/caller.ts';
import type { SavedViewChanges, SavedViewRecord, StoredSavedView } from '../store/saved-view-store.ts';
import type { AppContext } from './app-context.ts';
import { canChange, requireChangeableView, viewCallerOf, type ViewCaller } from './saved-view-access.ts';

/** A view as the caller sees it. */
export interface SavedViewForCaller extends StoredSavedView {
  mine: boolean;
  /** The caller may rename, change or delete it (its owner, or an admin). */
  changeable: boolean;
}

export interface NewSavedView {
  page: ViewPage;
  name: string;
  query: string;
  /** The team to share it with; null: the caller's alone. */
  team: string | null;
}

export interface SavedViewChange {
  name?: string;
  query?: string;
  /** Null: no longer shared. */
  team?: string | null;
}

/**
 * The views the caller can use: their own and those shared with their teams, one page's or every page's,
 * by page and name. `all`: everyone's (admins only).
 * @throws ForbiddenError `forbidden` for `all` without identity.admin.
 */
export async function listSavedViews(app: AppContext, caller: Caller | undefined, input: { page?: ViewPage | undefined; all?: boolean }): Promise<SavedViewForCaller[]> {
  const who = await viewCallerOf(app, caller);
  if (input.all === true) requirePermission(who.caller, 'identity.admin');
  const views = await app.engine.store.savedViews.list({
    ...(input.page === undefined ? {} : { page: input.page }),
    ...(input.all === true ? {} : { visibleTo: { userId: who.caller.user.id, teamIds: who.teamIds } }),
  });
  return views.map((view) => forCaller(who, view));
}

/**
 * Saves the caller's view.
 * @throws InvalidInputError `saved_view_query_invalid` (path `body.query`), `saved_view_team_invalid` (path `body.team`);
 *   ConflictError `saved_view_name_taken` (path `body.name`).
 */
export async function createSavedView(app: AppContext, caller: Caller | undefined, input: NewSavedView): Promise<SavedViewForCaller> {
  const who = await viewCallerOf(app, caller);
  requireQuery(input.page, input.query);
  if (input.team !== null) requireMemberOf(who, input.team);
  const now = app.engine.clock.now();
  const view: SavedViewRecord = { id: newId('view', now), page: input.page, name: input.name, query: input.query, ownerUserId: who.caller.user.id, teamId: input.team, createdAt: now, updatedAt: now };
  const audit = view.teamId === null ? undefined : viewAudit(who, 'saved_view.created', view, now, { ...contentOf(view), owner: who.caller.user.email });
  if (!(await app.engine.store.savedViews.insert(view, audit))) {
    const taken = await app.engine.store.savedViews.findByName({ ownerUserId: view.ownerUserId, page: view.page, name: view.name });
    throw nameTaken('you have', input.page, taken?.name ?? input.name);
  }
  return forCaller(who, { ...view, ownerEmail: who.caller.user.email, ownerDisabled: false });
}

/**
 * Renames a view, or changes its query or its team; its owner or an admin may.
 * @throws as requireChangeableView; InvalidInputError `saved_view_query_invalid`, `saved_view_team_invalid`; ConflictError `saved_view_name_taken`.
 */
export async function changeSavedView(app: AppContext, caller: Caller | undefined, id: string, change: SavedViewChange): Promise<SavedViewForCaller> {
  const who = await viewCallerOf(app, caller);
  const view = await requireChangeableView(app, who, id);
  if (change.query !== undefined) requireQuery(view.page, change.query);
  if (change.team !== undefined && change.team !== null && change.team !== view.teamId) requireMemberOf(who, change.team);
  const store = app.engine.store.savedViews;
  const whose = view.ownerUserId === who.caller.user.id ? 'you have' : `${view.ownerEmail} has`;
  // Another view of the owner's with the name (a change of case alone is this view's own) refuses the change.
  const refuseTakenName = async () => {
    const other = change.name === undefined ? undefined : await store.findByName({ ownerUserId: view.ownerUserId, page: view.page, name: change.name });
    if (other !== undefined && other.id !== id) throw nameTaken(whose, view.page, other.name);
  };
  await refuseTakenName();
  const changes: SavedViewChanges = {
    ...(change.name === undefined ? {} : { name: change.name }),
    ...(change.query === undefined ? {} : { query: change.query }),
    ...(change.team === undefined ? {} : { teamId: change.team }),
  };
  const after = { ...view, ...changes };
  const now = app.engine.clock.now();
  const shared = view.teamId !== null || after.teamId !== null;
  const audit = shared ? viewAudit(who, 'saved_view.changed', view, now, { page: view.page, owner: view.ownerEmail, before: contentOf(view), after: contentOf(after) }) : undefined;
  try {
    await store.update(id, changes, now, audit);
  } catch (error) {
    // Two renames to one name at once: the unique index refuses the second, which is the same 409.
    await refuseTakenName();
    throw error;
  }
  return forCaller(who, { ...after, updatedAt: now });
}

/**
 * Deletes a view; its owner or an admin may. Returns it as it was.
 * @throws as requireChangeableView.
 */
export async function deleteSavedView(app: AppContext, caller: Caller | undefined, id: string): Promise<SavedViewForCaller> {
  const who = await viewCallerOf(app, caller);
  const view = await requireChangeableView(app, who, id);
  const now = app.engine.clock.now();
  const audit = view.teamId === null ? undefined : viewAudit(who, 'saved_view.deleted', view, now, { ...contentOf(view), owner: view.ownerEmail });
  await app.engine.store.savedViews.delete(id, audit);
  return forCaller(who, view);
}

function forCaller(who: ViewCaller, view: StoredSavedView): SavedViewForCaller {
  return { ...view, mine: view.ownerUserId === who.caller.user.id, changeable: canChange(who, view) };
}

function requireQuery(page: ViewPage, query: string): void {
  const issues = savedViewQueryIssues(page, query, 'body.query');
  const [first] = issues;
  if (first !== undefined) throw new InvalidInputError('saved_view_query_invalid', first.message, issues, { path: 'body.query' });
}

function requireMemberOf(who: ViewCaller, team: string): void {
  if (who.teamIds.includes(team)) return;
  const yours = who.teamIds.length === 0 ? 'you are a member of no team, so a view of yours stays yours alone' : `your teams: ${who.teamIds.join(', ')}`;
  throw new InvalidInputError('saved_view_team_invalid', `you are not a member of a team "${team}", and a view is shared only with a team of yours; ${yours}`, [], { path: 'body.team' });
}

/** `whose`: "you have", or "<owner's email> has" when an admin changes someone's view; `name`: the other view's, as saved. */
function nameTaken(whose: string, page: ViewPage, name: string): ConflictError {
  return new ConflictError('saved_view_name_taken', `${whose} a view "${name}" on the ${page} page already (names compare without case); pick another name, or change that view`, {
    path: 'body.name',
  });
}

function contentOf(view: Pick<SavedViewRecord, 'page' | 'name' | 'query' | 'teamId'>) {
  return { page: view.page, name: view.name, query: view.query, team: view.teamId };
}

function viewAudit(who: ViewCaller, action: AuditEntryInput['action'], view: SavedViewRecord, at: Date, detail: AuditEntryInput['detail']): AuditEntryInput {
  return { actor: auditActorOf(who.caller), action, target: { type: 'saved_view', id: view.id }, ...(detail === undefined ? {} : { detail }), at };
}
