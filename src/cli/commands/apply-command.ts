import type { Command } from 'commander';
import { ApiError, apiRequest } from '../api-client.ts';
import type { ApiIssue, ApplyResultView } from '../api-types.ts';
import { cell, formatTable, printJson, printLines } from '../output.ts';
import { formatApiIssue } from '../report-error.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface ApplyOptions extends ServerOptions {
  file: string[];
  draft?: boolean;
  annotation?: string;
}

export function registerApplyCommand(program: Command): void {
  const command = program
    .command('apply')
    .description('load definitions into the running server: a changed workflow is published as a new version and activated')
    .requiredOption('-f, --file <path...>', 'definition files or folders (repeatable)')
    .option('--draft', 'save workflows as drafts only; publish nothing')
    .option('--annotation <text>', 'annotation of the versions this publishes');
  withServerOptions(command).action(applyCommand);
}

async function applyCommand(options: ApplyOptions): Promise<void> {
  const { bundleDefinitionFiles, locateInBundle } = await import('../definition-bundle.ts');
  const bundle = await bundleDefinitionFiles(options.file);
  let answer: { results: ApplyResultView[]; warnings?: ApiIssue[] };
  try {
    answer = await apiRequest(connectionFrom(options), {
      method: 'POST',
      path: '/api/v1/apply',
      query: { draft: options.draft ? true : undefined, annotation: options.annotation },
      body: { text: bundle.text, contentType: 'application/yaml' },
    });
  } catch (error) {
    if (error instanceof ApiError && error.issues.length > 0) {
      throw new ApiError(error.status, {
        code: error.code,
        message: error.message,
        ...(error.path === undefined ? {} : { path: error.path }),
        issues: error.issues.map((issue) => locateInBundle(bundle, issue)),
      });
    }
    throw error;
  }
  const warnings = (answer.warnings ?? []).map((issue) => locateInBundle(bundle, issue));
  if (options.json) return printJson({ ...answer, ...(warnings.length === 0 ? {} : { warnings }) });
  const rows = answer.results.map((result) => [result.kind, result.id, result.action, cell(result.version)]);
  const changed = answer.results.filter((result) => result.action !== 'unchanged').length;
  printLines(
    formatTable(['kind', 'id', 'action', 'version'], rows),
    ...warnings.map((issue) => `warning: ${formatApiIssue(issue)}`),
    `${answer.results.length} document(s) applied, ${changed} changed${warnings.length === 0 ? '' : `, ${warnings.length} warning(s)`}`,
  );
}
