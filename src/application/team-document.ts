import type { TeamDocument } from '../definition/schema.ts';
import type { TeamRecord } from '../store/records.ts';

/**
 * A stored team as the `Team` document that makes it: what `export` writes
 * and what settings re-apply with a change (members by email).
 */
export function teamDocumentOf(team: TeamRecord): TeamDocument {
  return {
    kind: 'Team',
    id: team.id,
    title: team.title,
    ...(team.description === null ? {} : { description: team.description }),
    members: [...team.members]
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
      .map((member) => ({
        email: member.email,
        ...(member.name === null ? {} : { name: member.name }),
        ...(member.approvalLimit === null ? {} : { approval_limit: member.approvalLimit }),
      })),
  };
}
