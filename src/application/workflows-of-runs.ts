import type { AppContext } from './app-context.ts';

/**
 * The workflow of each run that sent or kept one of `messages` (the outbox, the webhook inbox), by run id,
 * so a list names the workflow instead of a run id. A run that is gone (purged) is left out.
 */
export async function workflowsOfRuns(app: AppContext, messages: readonly { runId: string | null }[]): Promise<Map<string, string>> {
  const runIds = [...new Set(messages.flatMap((message) => (message.runId === null ? [] : [message.runId])))];
  return app.engine.store.workflowsOfRuns(runIds);
}
