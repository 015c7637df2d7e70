import type { ErrorCode } from '../core/error-codes.ts';
import { InvalidInputError } from '../core/errors.ts';
import { formatPath, type DefinitionIssue } from '../definition/definition-issue.ts';
import { documentFromValue } from '../definition/parse-documents.ts';
import type { Document } from '../definition/schema.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import { applyDefinitions, type ApplyReport } from './apply-definitions.ts';

/**
 * Applies one document that a settings change built from its request body,
 * field for field (`title`, `members[0].email`, `config.host`). When apply
 * refuses it, the error says so at the body's fields (`body.config.host`),
 * under the change's own `code`, so a form shows each problem at
 * its input.
 */
export async function applyFromSettings(
  app: AppContext,
  document: Document,
  options: { caller: Caller | undefined; annotation: string; code: ErrorCode & `${string}_invalid`; mustBeNew?: () => Error },
): Promise<ApplyReport> {
  const { caller, annotation, mustBeNew } = options;
  try {
    return await applyDefinitions(app, [documentFromValue(document, { source: `${document.kind} ${document.id}` })], { caller, annotation, ...(mustBeNew === undefined ? {} : { mustBeNew }) });
  } catch (error) {
    throw refusalAtBody(error, options.code);
  }
}

function refusalAtBody(error: unknown, code: ErrorCode): unknown {
  if (!(error instanceof InvalidInputError) || error.code !== 'definition_invalid') return error;
  const issues = error.issues.map((issue) => {
    const keys = (issue as Partial<DefinitionIssue>).keys ?? [];
    const place = formatPath(keys);
    // A definition issue's message starts with its place in the document, which `path` now says.
    const message = place !== '' && issue.message.startsWith(`${place}: `) ? issue.message.slice(place.length + 2) : issue.message;
    return { path: place === '' ? 'body' : `body.${place}`, message };
  });
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  return new InvalidInputError(code, [`${issues.length === 1 ? '1 problem' : `${issues.length} problems`}; nothing was applied:`, ...lines].join('\n'), issues, { path: issues[0]?.path, cause: error });
}
