import { NotFoundError } from '../core/errors.ts';
import type { VersionRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { requireWorkflow } from './workflow-admin.ts';

/** A workflow's published versions, newest first. */
export async function listWorkflowVersions(app: AppContext, workflowId: string): Promise<VersionRecord[]> {
  await requireWorkflow(app, workflowId);
  const versions = await app.engine.store.listVersions(workflowId);
  return [...versions].sort((a, b) => b.version - a.version);
}

/** One published version, with its definition. */
export async function requireVersion(app: AppContext, workflowId: string, version: number): Promise<VersionRecord> {
  const workflow = await requireWorkflow(app, workflowId);
  const found = await app.engine.store.getVersion(workflowId, version);
  if (!found) {
    const known = workflow.latestVersion > 0 ? `versions 1 to ${workflow.latestVersion}` : 'no published version yet; publish its draft first';
    throw new NotFoundError('version_not_found', `workflow "${workflowId}" has no version ${version}; it has ${known}`, { path: 'version' });
  }
  return found;
}
