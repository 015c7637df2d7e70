import type { TollgateSystem } from '../system/tollgate-system.ts';

/** The banner's list of workflows: `triage (active v1), refund (draft)`, archived ones left out. */
export async function workflowSummary(system: TollgateSystem): Promise<string> {
  const workflows = (await system.store.listWorkflows()).filter((workflow) => workflow.status !== 'archived');
  if (workflows.length === 0) return 'none yet: load some with `tollgate apply -f PATH`';
  return workflows
    .map((workflow) => {
      const version = workflow.activeVersion ?? (workflow.latestVersion > 0 ? workflow.latestVersion : undefined);
      return `${workflow.id} (${workflow.status}${version === undefined ? '' : ` v${version}`})`;
    })
    .join(', ');
}
