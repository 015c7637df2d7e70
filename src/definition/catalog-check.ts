import { suggestion } from './did-you-mean.ts';
import { formatPath } from './definition-issue.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import type { ServiceDocument, TeamDocument, WorkflowDocument } from './schema.ts';
import { stepLists } from './workflow-graph.ts';

/** Checks a Service: offering ids are unique in it, and each offering's workflow exists. */
export function checkService(service: ServiceDocument, options: { workflows: ReadonlySet<string>; report: ReportIssue }): void {
  const seen = new Map<string, PathKey[]>();
  service.offerings.forEach((offering, index) => {
    const keys = ['offerings', index];
    const earlier = seen.get(offering.id);
    if (earlier === undefined) seen.set(offering.id, keys);
    else options.report([...keys, 'id'], `offering id "${offering.id}" is already used by ${formatPath(earlier)}; give each offering its own id`);
    if (!options.workflows.has(offering.workflow)) {
      options.report(
        [...keys, 'workflow'],
        `no workflow "${offering.workflow}"${suggestion(offering.workflow, options.workflows)}; define a Workflow document with this id, or apply it first`,
      );
    }
  });
}

/** Checks a Team: each member's email appears once. */
export function checkTeam(team: TeamDocument, report: ReportIssue): void {
  const seen = new Map<string, number>();
  team.members.forEach((member, index) => {
    const email = member.email.toLowerCase();
    const earlier = seen.get(email);
    if (earlier === undefined) seen.set(email, index);
    else report(['members', index, 'email'], `${member.email} is already a member (members[${earlier}]); list each person once`);
  });
}

/** Checks that each approval step's assignee team exists. */
export function checkApprovalTeams(workflow: WorkflowDocument, options: { teams: ReadonlySet<string>; report: ReportIssue }): void {
  for (const list of stepLists(workflow.steps)) {
    list.steps.forEach((step, index) => {
      if (step.type !== 'approval' || !('team' in step.assignee)) return;
      const team = step.assignee.team;
      if (options.teams.has(team)) return;
      options.report(
        [...list.keys, index, 'assignee', 'team'],
        `no team "${team}"${suggestion(team, options.teams)}; define a Team document with this id, or apply it first`,
      );
    });
  }
}
