/** The action of `tollgate validate`, imported when it runs (validate-command.ts registers it). */
import { InvalidInputError, type Issue } from '../../core/errors.ts';
import { formatIssue, type DefinitionIssue } from '../../definition/definition-issue.ts';
import { loadDefinitionFiles } from '../../definition/load-definition-files.ts';
import { catalogOf } from '../../definition/operation-spec.ts';
import type { ParsedDocument } from '../../definition/parse-documents.ts';
import { validateDocuments } from '../../definition/validate-documents.ts';
import { builtInOperationSpecs } from '../../connectors/built-in-operation-specs.ts';
import { ExitCode } from '../exit-codes.ts';
import { printJson, printLines } from '../output.ts';

interface ValidateOptions {
  file: string[];
  json?: boolean;
}

export async function validateCommand(options: ValidateOptions): Promise<void> {
  const checked = await check(options.file);
  const warnings = checked.warnings.length === 0 ? {} : { warnings: checked.warnings };
  if (options.json) printJson(checked.issues.length === 0 ? { valid: true, documents: checked.documents, issues: [], ...warnings } : { valid: false, issues: checked.issues, ...warnings });
  else if (checked.issues.length === 0) printLines(...checked.warnings.map(formatIssue), `valid: ${checked.documents} document${checked.documents === 1 ? '' : 's'}${warningCount(checked.warnings)}`);
  else {
    const count = checked.issues.length === 1 ? '1 problem' : `${checked.issues.length} problems`;
    printLines(...checked.issues.map(issueLine), ...checked.warnings.map(formatIssue), `${count} found${warningCount(checked.warnings)}`);
  }
  if (checked.issues.length > 0) process.exitCode = ExitCode.failed;
}

function warningCount(warnings: readonly DefinitionIssue[]): string {
  return warnings.length === 0 ? '' : `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
}

/**
 * Syntax errors stop at parsing; otherwise every document is checked against
 * the operations this build offers. Without a server, the workflows compared
 * for moving money on one event are those of the files.
 */
async function check(paths: readonly string[]): Promise<{ documents: number; issues: (Issue | DefinitionIssue)[]; warnings: DefinitionIssue[] }> {
  let documents: ParsedDocument[];
  try {
    documents = await loadDefinitionFiles(paths);
  } catch (error) {
    if (error instanceof InvalidInputError && error.code === 'definition_invalid') return { documents: 0, issues: [...error.issues], warnings: [] };
    throw error;
  }
  const operations = catalogOf(builtInOperationSpecs());
  const result = validateDocuments(documents, { operations });
  return { documents: documents.length, issues: result.ok ? [] : result.issues, warnings: result.warnings };
}

function issueLine(issue: Issue | DefinitionIssue): string {
  // Syntax issues already start with `file:line:col`.
  return 'document' in issue ? formatIssue(issue) : issue.message;
}
