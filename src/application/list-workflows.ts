import type { WorkflowRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';

/** Every workflow, ordered by id, for the workflows list. */
export async function listWorkflows(app: AppContext): Promise<WorkflowRecord[]> {
  const workflows = await app.engine.store.listWorkflows();
  return [...workflows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
