import { isTemplate } from '../expression/template-parser.ts';
import { approvalTeamReferences } from './approval-team-routes.ts';
import { suggestion } from './did-you-mean.ts';
import { formatPath } from './definition-issue.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import { checkOfferingWorkflow, type OfferingCheckOptions } from './offering-check.ts';
import type { OperationCatalog } from './operation-spec.ts';
import type { ServiceDocument, TeamDocument, WorkflowDocument } from './schema.ts';
import { stepLists } from './workflow-graph.ts';

/**
 * Checks a Service: offering ids are unique in it, and each offering's
 * workflow exists and, when `runs` tells what the workflows start by, offers
 * a form at the version it runs (offering-check.ts). Issues come offering by offering.
 */
export function checkService(service: ServiceDocument, options: { workflows: ReadonlySet<string>; report: ReportIssue; runs?: Omit<OfferingCheckOptions, 'report'> }): void {
  const seen = new Map<string, { keys: PathKey[]; title: string | undefined }>();
  service.offerings.forEach((offering, index) => {
    const keys = ['offerings', index];
    const earlier = seen.get(offering.id);
    if (earlier === undefined) seen.set(offering.id, { keys, title: offering.title });
    else {
      const named = earlier.title === undefined ? '' : ` (${JSON.stringify(earlier.title)})`;
      options.report([...keys, 'id'], `offering id "${offering.id}" is already used by ${formatPath(earlier.keys)}${named}; give each offering its own id`);
    }
    if (!options.workflows.has(offering.workflow)) {
      options.report(
        [...keys, 'workflow'],
        `no workflow "${offering.workflow}"${suggestion(offering.workflow, options.workflows)}; define a Workflow document with this id, or apply it first`,
      );
    }
    if (options.runs !== undefined) checkOfferingWorkflow(offering, keys, { ...options.runs, report: options.report });
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

/**
 * Checks that every team a workflow names exists: approval assignees,
 * `on_timeout: escalate:TEAM`, and `{team: id}` in the recipient parameters of
 * actions (`email.send` `to` and `cc`). A team id written as a `{{ }}`
 * template is known only at run time and is not checked.
 */
export function checkTeamReferences(workflow: WorkflowDocument, options: { teams: ReadonlySet<string>; operations: OperationCatalog; report: ReportIssue }): void {
  const check = (team: string, keys: PathKey[]): void => {
    if (options.teams.has(team) || isTemplate(team)) return;
    options.report(keys, `no team "${team}"${suggestion(team, options.teams)}; define a Team document with this id, or apply it first`);
  };
  for (const reference of approvalTeamReferences(workflow)) check(reference.team, reference.keys);
  for (const list of stepLists(workflow.steps)) {
    list.steps.forEach((step, index) => {
      const stepKeys = [...list.keys, index];
      if (step.type !== 'action') return;
      const spec = options.operations.get(step.uses);
      for (const [name, param] of Object.entries(spec?.params ?? {})) {
        if (param.recipients === true) for (const named of teamsIn(step.with[name], [...stepKeys, 'with', name])) check(named.team, named.keys);
      }
    });
  }
}

/** The `{team: id}` entries of a recipients value: one entry or a list. */
function teamsIn(value: unknown, keys: PathKey[]): { team: string; keys: PathKey[] }[] {
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => teamsIn(item, [...keys, index]));
  if (typeof value === 'object' && value !== null && 'team' in value && typeof value.team === 'string') return [{ team: value.team, keys: [...keys, 'team'] }];
  return [];
}
