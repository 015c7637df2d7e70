/**
 * Making a team and changing its title or description from settings. Each is
 * an apply of the team's `Team` document (as `tollgate apply` would), so
 * validation, the users new members need, the audit trail and `export` see it.
 */
import { ConflictError } from '../core/errors.ts';
import type { TeamDocument } from '../definition/schema.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import type { ApplyReport } from './apply-definitions.ts';
import { applyFromSettings } from './settings-apply.ts';
import { teamDocumentOf } from './team-document.ts';
import { requireTeam } from './team-members.ts';

export interface NewTeam {
  id: string;
  title: string;
  description?: string | undefined;
  members: { email: string; name?: string | undefined }[];
  caller?: Caller | undefined;
}

/**
 * Makes a team. Members who are not users yet become users (role approver, no
 * password), as with `apply`.
 * @throws ConflictError `team_exists` (path `body.id`); InvalidInputError `team_invalid` with each issue at its body field.
 */
export async function createTeam(app: AppContext, input: NewTeam): Promise<ApplyReport> {
  const existing = await app.engine.store.getTeam(input.id);
  if (existing) {
    throw new ConflictError('team_exists', `a team "${input.id}" exists already (${existing.title}); change that team, or pick another id`, { path: 'body.id' });
  }
  const document: TeamDocument = {
    kind: 'Team',
    id: input.id,
    title: input.title,
    ...(input.description === undefined ? {} : { description: input.description }),
    members: input.members.map((member) => ({ email: member.email, ...(member.name === undefined ? {} : { name: member.name }) })),
  };
  const madeMeanwhile = () => new ConflictError('team_exists', `a team "${input.id}" was made meanwhile; change that team, or pick another id`, { path: 'body.id' });
  return applyFromSettings(app, document, { caller: input.caller, annotation: 'team created in settings', code: 'team_invalid', mustBeNew: madeMeanwhile });
}

export interface TeamChange {
  id: string;
  title?: string | undefined;
  /** Null removes it. */
  description?: string | null | undefined;
  caller?: Caller | undefined;
}

/**
 * Changes a team's title or description; its members stay.
 * @throws NotFoundError `team_not_found`; InvalidInputError `team_invalid`.
 */
export async function updateTeam(app: AppContext, input: TeamChange): Promise<ApplyReport> {
  const team = await requireTeam(app, input.id);
  const changed = {
    ...team,
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.description === undefined ? {} : { description: input.description }),
  };
  return applyFromSettings(app, teamDocumentOf(changed), { caller: input.caller, annotation: 'team changed in settings', code: 'team_invalid' });
}
