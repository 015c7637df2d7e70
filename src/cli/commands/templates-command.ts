import type { Command } from 'commander';
import { apiRequest, segment } from '../api-client.ts';
import { cell, formatTable, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

interface TemplateView {
  id: string;
  title: string;
  description: string;
  trigger_type: string;
  includes: string[];
}

interface UseOptions extends ServerOptions {
  as?: string;
  activate?: boolean;
}

/** `tollgate templates list|use`: start a workflow from one of the bundled examples. */
export function registerTemplatesCommand(program: Command): void {
  const templates = program.command('templates').description('ready-made workflows to start from');
  withServerOptions(templates.command('list').description('list the templates')).action(async (options: ServerOptions) => {
    const answer = await apiRequest<{ templates: TemplateView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/templates' });
    if (options.json) return printJson(answer);
    printLines(formatTable(['id', 'trigger', 'title', 'about'], answer.templates.map((template) => [template.id, template.trigger_type, template.title, cell(template.description, 70)])));
  });
  withServerOptions(
    templates
      .command('use')
      .description('create a workflow from a template (a draft unless --activate)')
      .argument('<template>', 'template id')
      .option('--as <workflow-id>', 'id of the new workflow (default: the template id)')
      .option('--activate', 'publish and activate it at once'),
  ).action(async (template: string, options: UseOptions) => {
    const answer = await apiRequest<{ results: { kind: string; id: string; action: string; version?: number }[] }>(connectionFrom(options), {
      method: 'POST',
      path: `/api/v1/templates/${segment(template)}/use`,
      body: { json: { ...(options.as === undefined ? {} : { workflow_id: options.as }), ...(options.activate ? { activate: true } : {}) } },
    });
    if (options.json) return printJson(answer);
    printLines(...answer.results.map((result) => `${result.kind} ${result.id}: ${result.action}${result.version === undefined ? '' : ` (v${result.version})`}`));
  });
}
