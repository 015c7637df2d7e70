import { InvalidArgumentError, Option, type Command } from 'commander';
import { apiRequest, segment } from '../api-client.ts';
import type { WorkflowDocument } from '../../definition/schema.ts';
import type { RunListView, VersionSummaryView, WorkflowDetailView, WorkflowView } from '../api-types.ts';
import { paletteFor, statusTableStyle } from '../colour.ts';
import { cell, durationBetween, formatTable, formatTime, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface PublishOptions extends ServerOptions {
  annotation?: string;
  fromVersion?: number;
  activate?: boolean;
}

const STATUS_CHANGES = {
  activate: { description: 'start runs from the active version again', done: 'activated' },
  deactivate: { description: 'stop starting new runs (runs under way go on)', done: 'deactivated' },
  archive: { description: 'retire a workflow: it starts no runs and leaves the lists', done: 'archived' },
} as const;

export function registerWorkflowsCommand(program: Command): void {
  const workflows = program.command('workflows').description('list, publish, activate, deactivate and archive workflows on the running server');
  withServerOptions(workflows.command('list').description('every workflow with its status and versions')).action(listWorkflows);
  withServerOptions(workflows.command('show').description('a workflow: its trigger, status, versions, steps as a tree and last runs').argument('<id>', 'workflow id')).action(showWorkflow);
  withServerOptions(
    workflows
      .command('publish')
      .description('publish the draft as a new immutable version')
      .argument('<id>', 'workflow id')
      .option('--annotation <text>', 'what changed, kept with the version')
      .addOption(new Option('--from-version <n>', 're-publish this old version instead of the draft (rollback)').argParser(parseVersion))
      .option('--activate', 'make the new version the active one'),
  ).action(publishWorkflow);
  for (const [change, { description }] of Object.entries(STATUS_CHANGES)) {
    withServerOptions(workflows.command(change).description(description).argument('<id>', 'workflow id')).action(async (id: string, options: ServerOptions) =>
      changeStatus(id, change as keyof typeof STATUS_CHANGES, options),
    );
  }
}

async function listWorkflows(options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ workflows: WorkflowView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/workflows' });
  if (options.json) return printJson(answer);
  if (answer.workflows.length === 0) return printLines('no workflows yet: load some with `tollgate apply -f PATH`');
  const rows = answer.workflows.map((workflow) => [
    workflow.id,
    workflow.status,
    cell(workflow.active_version),
    cell(workflow.latest_version),
    cell(workflow.trigger_type),
    workflow.updated_at === undefined ? '-' : formatTime(workflow.updated_at),
    cell(workflow.title, 60),
  ]);
  printLines(formatTable(['id', 'status', 'active', 'latest', 'trigger', 'updated', 'title'], rows, statusTableStyle(paletteFor(options), 1)));
}

/** Runs `workflows show` lists. */
const LAST_RUNS = 5;

async function showWorkflow(id: string, options: ServerOptions): Promise<void> {
  const connection = connectionFrom(options);
  const [{ workflow }, { versions }, recent] = await Promise.all([
    apiRequest<{ workflow: WorkflowDetailView }>(connection, { method: 'GET', path: `/api/v1/workflows/${segment(id)}` }),
    apiRequest<{ versions: VersionSummaryView[] }>(connection, { method: 'GET', path: `/api/v1/workflows/${segment(id)}/versions` }),
    apiRequest<RunListView>(connection, { method: 'GET', path: '/api/v1/runs', query: { workflow: id, limit: LAST_RUNS } }),
  ]);
  if (options.json) return printJson({ workflow, versions, runs: recent.runs });
  const shown = workflow.active_version ?? (workflow.latest_version === undefined || workflow.latest_version === 0 ? undefined : workflow.latest_version);
  const definition =
    shown === undefined
      ? workflow.draft
      : (await apiRequest<{ version: { definition: unknown } }>(connection, { method: 'GET', path: `/api/v1/workflows/${segment(id)}/versions/${shown}` })).version.definition;
  // The server keeps only definitions that passed validation, so the shape is the schema's.
  const document = definition as WorkflowDocument;
  const { stepTree, triggerText } = await import('../workflow-tree.ts');
  const palette = paletteFor(options);
  printLines(
    `workflow    ${workflow.id}${workflow.title === workflow.id ? '' : `: ${workflow.title}`}`,
    `status      ${palette.status(workflow.status)}`,
    `trigger     ${triggerText(document.trigger)}`,
    `versions    ${versions.length === 0 ? 'none published (the steps below are the draft)' : `active ${workflow.active_version ?? '-'}, latest ${workflow.latest_version ?? '-'}`}`,
    ...versions.map((version) => `  v${version.version}  ${formatTime(version.created_at)}${version.annotation === null ? '' : `  ${version.annotation}`}`),
    '',
    palette.heading(shown === undefined ? 'steps (draft)' : `steps (v${shown})`),
    ...stepTree(document.steps, 1),
    '',
  );
  if (recent.runs.length === 0) return printLines(palette.heading('last runs'), '  none yet');
  const rows = recent.runs.map((run) => [run.id, `v${run.version}`, run.status, cell(run.outcome), formatTime(run.created_at), durationBetween(run.created_at, run.finished_at)]);
  printLines(palette.heading('last runs'), ...formatTable(['id', 'version', 'status', 'outcome', 'started', 'took'], rows, statusTableStyle(palette, 2)).split('\n').map((line) => `  ${line}`));
}

async function publishWorkflow(id: string, options: PublishOptions): Promise<void> {
  const answer = await apiRequest<{ version?: { version?: number } }>(connectionFrom(options), {
    method: 'POST',
    path: `/api/v1/workflows/${segment(id)}/publish`,
    body: {
      json: {
        ...(options.annotation === undefined ? {} : { annotation: options.annotation }),
        ...(options.fromVersion === undefined ? {} : { from_version: options.fromVersion }),
        ...(options.activate === undefined ? {} : { activate: true }),
      },
    },
  });
  if (options.json) return printJson(answer);
  const version = answer.version?.version;
  printLines(`published ${id}${version === undefined ? '' : ` version ${version}`}`);
}

async function changeStatus(id: string, change: keyof typeof STATUS_CHANGES, options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ workflow?: WorkflowView }>(connectionFrom(options), { method: 'POST', path: `/api/v1/workflows/${segment(id)}/${change}` });
  if (options.json) return printJson(answer);
  printLines(`${id} ${STATUS_CHANGES[change].done}${answer.workflow === undefined ? '' : `: now ${answer.workflow.status}`}`);
}

function parseVersion(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('give a version number from 1.');
  return Number(value);
}
