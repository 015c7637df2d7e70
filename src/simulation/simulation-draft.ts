/** The draft a simulation runs: one Workflow document, validated against the real app as `POST /api/v1/validate` would. */
import type { AppContext } from '../application/app-context.ts';
import { validateDefinitions } from '../application/validate-definitions.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { DefinitionIssue } from '../definition/definition-issue.ts';
import { documentFromValue } from '../definition/parse-documents.ts';
import type { WorkflowDocument } from '../definition/schema.ts';

/** @throws InvalidInputError `definition_invalid` with the issues, as validation reports them. */
export async function checkDraft(app: AppContext, definition: unknown): Promise<WorkflowDocument> {
  const kind = definition !== null && typeof definition === 'object' ? (definition as { kind?: unknown }).kind : undefined;
  if (kind !== 'Workflow') {
    const issue: DefinitionIssue = { document: 'document #1', path: 'kind', keys: ['kind'], severity: 'error', message: `give one Workflow document (kind: Workflow); got ${kind === undefined ? 'no kind' : JSON.stringify(kind)}` };
    throw new InvalidInputError('definition_invalid', `1 problem(s) in the definitions:\n  ${issue.path}: ${issue.message}`, [issue], { path: 'definition' });
  }
  const { documents } = await validateDefinitions(app, [documentFromValue(definition)]);
  return documents[0] as WorkflowDocument;
}
