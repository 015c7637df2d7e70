/**
 * What an offering can run, for its Workflow and Version pickers: the workflows that start by a form (their
 * fields are the offering's form), and each one's published versions. A workflow an offering names already
 * stays a choice even when it has no form (or is gone), so the picker shows it and the server says what is wrong.
 */
import type { WorkflowListItem } from '../../api/types.ts';

export interface WorkflowChoice {
  id: string;
  label: string;
  /** Published versions, newest first. */
  versions: number[];
  /** The version `latest` runs now; null when none is active. */
  activeVersion: number | null;
}

/** The workflows with a form trigger, by title, then those of `named` that are not among them. */
export function workflowChoices(workflows: readonly WorkflowListItem[], named: readonly string[]): WorkflowChoice[] {
  const choice = (workflow: WorkflowListItem, note: string | undefined): WorkflowChoice => ({
    id: workflow.id,
    label: [workflow.title === workflow.id ? workflow.id : `${workflow.title} (${workflow.id})`, note].filter((part) => part !== undefined).join(' — '),
    versions: Array.from({ length: workflow.latest_version }, (_, index) => workflow.latest_version - index),
    activeVersion: workflow.active_version,
  });
  const forms = workflows
    .filter((workflow) => workflow.trigger?.type === 'form' && workflow.status !== 'archived')
    .map((workflow) => choice(workflow, workflow.status === 'active' ? undefined : workflow.status))
    .sort((a, b) => a.label.localeCompare(b.label));
  const others = [...new Set(named)]
    .filter((id) => id !== '' && !forms.some((form) => form.id === id))
    .map((id) => {
      const workflow = workflows.find((item) => item.id === id);
      if (workflow === undefined) return { id, label: `${id} — not found`, versions: [], activeVersion: null };
      return choice(workflow, workflow.trigger?.type === 'form' ? workflow.status : `${workflow.trigger?.type ?? 'no'} trigger, no form`);
    });
  return [...forms, ...others];
}

/** How the Version picker names `latest`. */
export function latestLabel(choice: WorkflowChoice | undefined): string {
  return choice?.activeVersion === null || choice === undefined ? 'Latest (the active version)' : `Latest (now version ${choice.activeVersion})`;
}
