import { InvalidInputError } from '../core/errors.ts';
import { formatIssue, type DefinitionIssue } from '../definition/definition-issue.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { ParsedDocument } from '../definition/parse-documents.ts';
import type { ConnectorDocument, Document } from '../definition/schema.ts';
import { validateDocuments, type ValidateOptions } from '../definition/validate-documents.ts';
import type { AppContext } from './app-context.ts';

/**
 * What validation knows of the store: the connectors, workflows and teams that
 * exist already, and the active workflows' definitions (to warn about two that
 * move money on the same event, and to refuse a connector change that breaks one). `batchActivates: false` for a draft apply.
 */
export async function definitionValidationOptions(app: AppContext, options: { batchActivates?: boolean } = {}): Promise<ValidateOptions> {
  const { store, definitions } = app.engine;
  const [connectors, workflows, teams] = await Promise.all([store.listConnectors(), store.listWorkflows(), store.listTeams()]);
  const live = workflows.flatMap((workflow) => (workflow.status === WorkflowStatus.active && workflow.activeVersion !== null ? [{ id: workflow.id, version: workflow.activeVersion, triggerType: workflow.triggerType }] : []));
  const liveWorkflows = await Promise.all(live.map(async (workflow) => ({ ...workflow, document: await definitions.get(workflow.id, workflow.version) })));
  return {
    operations: app.catalog,
    connectors: connectors.map((connector) => ({ id: connector.id, type: connector.type as ConnectorDocument['type'] })),
    knownWorkflows: workflows.map((workflow) => workflow.id),
    knownTeams: teams.map((team) => team.id),
    activeWorkflows: liveWorkflows.filter((workflow) => workflow.triggerType === 'event').map((workflow) => workflow.document),
    liveWorkflows,
    batchActivates: options.batchActivates ?? true,
  };
}

/**
 * Validates definitions as `applyDefinitions` would, against what the store
 * holds, and saves nothing. Returns the documents and the warnings.
 * @throws InvalidInputError `definition_invalid` whose `issues` hold every error.
 */
export async function validateDefinitions(app: AppContext, parsed: readonly ParsedDocument[]): Promise<{ documents: Document[]; warnings: DefinitionIssue[] }> {
  const validation = validateDocuments(parsed, await definitionValidationOptions(app));
  if (validation.ok) return { documents: validation.documents, warnings: validation.warnings };
  throw new InvalidInputError(
    'definition_invalid',
    `${validation.issues.length} problem(s) in the definitions:\n${validation.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`,
    validation.issues,
    { path: validation.issues[0]?.path },
  );
}
