/** The draft `tollgate preview` and `tollgate backtest` send: the one Workflow document of a definition file. */
import { InvalidInputError } from '../core/errors.ts';
import { loadDefinitionFiles } from '../definition/load-definition-files.ts';

/** @throws InvalidInputError `definition_invalid` when the file does not parse or holds no (or several) Workflow documents. */
export async function readDraftFile(path: string): Promise<Record<string, unknown>> {
  const documents = await loadDefinitionFiles([path]);
  const workflows = documents.filter((document) => (document.value as { kind?: unknown } | null)?.kind === 'Workflow');
  const only = workflows[0];
  if (workflows.length !== 1 || only === undefined) {
    throw new InvalidInputError('definition_invalid', `${path} holds ${workflows.length} Workflow documents; give a file with exactly one (other documents, such as its teams, are applied with \`tollgate apply\`)`, [], { path: 'file' });
  }
  return only.value as Record<string, unknown>;
}
