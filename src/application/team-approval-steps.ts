/** Which approval steps send tasks to each team, for the teams' page: what a team is asked to approve. */
import { titleOf } from '../core/id-from-title.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import { approvalTeamReferences, type ApprovalTeamRoute } from '../definition/approval-team-routes.ts';
import { isTemplate } from '../expression/template-parser.ts';
import type { AppContext } from './app-context.ts';

export interface TeamApprovalStep {
  workflowId: string;
  workflowTitle: string;
  stepId: string;
  /** The step's title, else its id in words. */
  stepTitle: string;
  route: ApprovalTeamRoute;
}

/**
 * The approval steps of each active workflow's active version that name a team, by team id, in workflow id
 * then document order. A team written as a `{{ }}` template is known only at run time and is left out.
 */
export async function approvalStepsByTeam(app: AppContext): Promise<Map<string, TeamApprovalStep[]>> {
  const active = (await app.engine.store.listWorkflows()).flatMap((workflow) => (workflow.status === WorkflowStatus.active && workflow.activeVersion !== null ? [{ workflow, version: workflow.activeVersion }] : []));
  active.sort((a, b) => (a.workflow.id < b.workflow.id ? -1 : a.workflow.id > b.workflow.id ? 1 : 0));
  // Published versions are parsed once per process by the definition cache.
  const documents = await Promise.all(active.map(async ({ workflow, version }) => ({ workflow, document: await app.engine.definitions.get(workflow.id, version) })));
  const byTeam = new Map<string, TeamApprovalStep[]>();
  for (const { workflow, document } of documents) {
    for (const reference of approvalTeamReferences(document)) {
      if (isTemplate(reference.team)) continue;
      const steps = byTeam.get(reference.team) ?? [];
      steps.push({ workflowId: workflow.id, workflowTitle: workflow.title, stepId: reference.step.id, stepTitle: titleOf(reference.step), route: reference.route });
      byTeam.set(reference.team, steps);
    }
  }
  return byTeam;
}
