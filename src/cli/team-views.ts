/** The shapes the teams command reads from /api/v1/teams, as the server's team serializer writes them. */
import type { ApiIssue, ApplyResultView } from './api-types.ts';

export interface TeamMemberView {
  email: string;
  name: string | null;
  /** The member's user id (`usr_...`); null when they are no user. */
  user: string | null;
  /** Their user is disabled: they cannot sign in nor decide. */
  disabled: boolean;
}

export interface TeamView {
  id: string;
  title: string;
  description: string | null;
  members: TeamMemberView[];
}

/** The answer of a team change (create, update, a member added or removed). */
export interface TeamChangeView {
  team: TeamView;
  result: ApplyResultView;
  warnings?: ApiIssue[];
}
