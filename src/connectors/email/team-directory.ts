/** A person an email can go to. */
export interface TeamMember {
  email: string;
  name: string | null;
}

/**
 * Where `email.send` looks up `{team: id}` recipients. The system implements
 * it over the store's teams; tests pass a fixed map.
 */
export interface TeamDirectory {
  /** The team's members, or undefined when no team has this id. */
  membersOf(teamId: string): Promise<TeamMember[] | undefined>;
}
