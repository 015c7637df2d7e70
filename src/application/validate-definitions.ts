import { InvalidInputError } from '../core/errors.ts';
import { formatIssue } from '../definition/definition-issue.ts';
import type { ParsedDocument } from '../definition/parse-documents.ts';
import type { ConnectorDocument, Document } from '../definition/schema.ts';
import { validateDocuments, type ValidateOptions } from '../definition/validate-documents.ts';
import type { AppContext } from './app-context.ts';

/** What validation knows of the store: the connectors and workflows that exist already. */
export async function definitionValidationOptions(app: AppContext): Promise<ValidateOptions> {
  const { store } = app.engine;
  const [connectors, workflows] = await Promise.all([store.listConnectors(), store.listWorkflows()]);
  return {
    operations: app.catalog,
    connectors: connectors.map((connector) => ({ id: connector.id, type: connector.type as ConnectorDocument['type'] })),
    knownWorkflows: workflows.map((workflow) => workflow.id),
  };
}

/**
 * Validates definitions as `applyDefinitions` would, against what the store
 * holds, and saves nothing.
 * @throws InvalidInputError `definition_invalid` whose `issues` hold every problem.
 */
export async function validateDefinitions(app: AppContext, parsed: readonly ParsedDocument[]): Promise<Document[]> {
  const validation = validateDocuments(parsed, await definitionValidationOptions(app));
  if (validation.ok) return validation.documents;
  throw new InvalidInputError(
    'definition_invalid',
    `${validation.issues.length} problem(s) in the definitions:\n${validation.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`,
    validation.issues,
    { path: validation.issues[0]?.path },
  );
}
