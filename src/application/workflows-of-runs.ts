import type { AppContext } from './app-context.ts';
import { workflowTitles } from './workflow-titles.ts';

/** A run's workflow: its id, and its title now (workflow-titles.ts), so a page names it for people from its first render. */
export interface RunWorkflow {
  id: string;
  title: string;
}

/**
 * The workflow of each run that sent or kept one of `messages` (the outbox, the webhook inbox), by run id,
 * so a list names the workflow instead of a run id. A run that is gone (purged) is left out.
 */
export async function workflowsOfRuns(app: AppContext, messages: readonly { runId: string | null }[]): Promise<Map<string, RunWorkflow>> {
  const runIds = [...new Set(messages.flatMap((message) => (message.runId === null ? [] : [message.runId])))];
  const workflowIds = await app.engine.store.workflowsOfRuns(runIds);
  const title = await workflowTitles(app, workflowIds.values());
  return new Map([...workflowIds].map(([runId, workflowId]) => [runId, { id: workflowId, title: title(workflowId) }]));
}
