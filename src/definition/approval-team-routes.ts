/** Where a workflow's approval steps send tasks to teams: the teams that decide them, and those they escalate to. */
import type { PathKey } from './definition-issue.ts';
import type { ApprovalStep, WorkflowDocument } from './schema.ts';
import { stepLists } from './workflow-graph.ts';

/** How an approval step routes to a team: its tasks are the team's to decide, or go to it when nobody decides in time. */
export const ApprovalTeamRoute = { assignee: 'assignee', escalation: 'escalation' } as const;
export type ApprovalTeamRoute = (typeof ApprovalTeamRoute)[keyof typeof ApprovalTeamRoute];

export interface ApprovalTeamReference {
  /** The team id as written; one written as a `{{ }}` template is known only at run time. */
  team: string;
  step: ApprovalStep;
  route: ApprovalTeamRoute;
  /** Where the team is named in the document (`steps.2.assignee.team`, `steps.2.on_timeout`). */
  keys: PathKey[];
}

const ESCALATE = /^escalate:(.+)$/;

/**
 * Every team an approval step of `workflow` names, in document order (nested steps included): as its assignee
 * (`assignee: {team: id}`) or as where it escalates (`on_timeout: escalate:id`).
 */
export function approvalTeamReferences(workflow: WorkflowDocument): ApprovalTeamReference[] {
  return stepLists(workflow.steps).flatMap((list) =>
    list.steps.flatMap((step, index): ApprovalTeamReference[] => {
      if (step.type !== 'approval') return [];
      const stepKeys = [...list.keys, index];
      const escalation = ESCALATE.exec(step.on_timeout ?? '')?.[1];
      return [
        ...('team' in step.assignee ? [{ team: step.assignee.team, step, route: ApprovalTeamRoute.assignee, keys: [...stepKeys, 'assignee', 'team'] }] : []),
        ...(escalation === undefined ? [] : [{ team: escalation, step, route: ApprovalTeamRoute.escalation, keys: [...stepKeys, 'on_timeout'] }]),
      ];
    }),
  );
}
