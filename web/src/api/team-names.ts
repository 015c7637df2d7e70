import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';
import type { Team } from './types.ts';

/** Every team (GET /teams, which everyone may read); approval answers name a team only by its id. */
export const teamsQuery = queryOptions({
  queryKey: ['teams', 'all'],
  queryFn: async () => (await api<{ teams: Team[] }>('GET', '/teams')).teams,
  staleTime: 5 * 60_000,
});

/**
 * A team's name for people: its title ("Finance Team"); `team finance` until the titles arrive,
 * or when the team is no longer defined.
 */
export function useTeamName(): (id: string) => string {
  const teams = useQuery(teamsQuery).data;
  return (id) => teams?.find((team) => team.id === id)?.title ?? `team ${id}`;
}

/** Who decides a later approval, from the review's next step: the team's title, or the users named. */
export function assigneeName(assignee: { team: string } | { users: string[] }, teamName: (id: string) => string): string {
  return 'team' in assignee ? teamName(assignee.team) : assignee.users.join(', ');
}
