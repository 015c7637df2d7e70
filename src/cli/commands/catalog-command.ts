import type { Command } from 'commander';
import { apiRequest } from '../api-client.ts';
import type { CatalogServiceView, FormFieldView, OfferingView } from '../catalog-views.ts';
import { paletteFor, type Palette } from '../colour.ts';
import { printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';

export function registerCatalogCommand(program: Command): void {
  const catalog = program.command('catalog').description('the service catalog on the running server');
  withServerOptions(catalog.command('list').description('services, their offerings, and the form fields each offering asks for')).action(listCatalog);
}

async function listCatalog(options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ services: CatalogServiceView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/catalog' });
  if (options.json) return printJson(answer);
  if (answer.services.length === 0) return printLines('no offerings take requests now: apply a Service document with `tollgate apply -f PATH`');
  const palette = paletteFor(options);
  const lines = answer.services.flatMap((service, index) => [
    ...(index === 0 ? [] : ['']),
    `${palette.heading(service.title)} (${service.id})${service.description === null ? '' : `: ${service.description}`}`,
    ...service.offerings.flatMap((offering) => offeringLines(offering, palette)),
  ]);
  printLines(...lines);
}

function offeringLines(offering: OfferingView, palette: Palette): string[] {
  const version = offering.resolved_version === null ? '' : ` v${offering.resolved_version}`;
  const state = offering.available ? '' : ` ${palette.alert(`unavailable: ${offering.unavailable_reason?.message ?? 'no active version'}`)}`;
  const lines = [`  ${offering.id}  ${offering.title}  (runs ${offering.workflow}${version})${state}`];
  if (offering.description !== null) lines.push(`    ${palette.dim(offering.description)}`);
  if (offering.form.length === 0) return [...lines, '    no form fields'];
  const width = Math.max(...offering.form.map((field) => field.key.length));
  lines.push(...offering.form.map((field) => `    ${field.key.padEnd(width)}  ${fieldText(field)}`));
  lines.push(palette.dim(`    submit: tollgate requests submit ${offering.service}/${offering.id}${offering.form.filter((field) => field.required).map((field) => ` --field ${field.key}=…`).join('')}`));
  return lines;
}

/** `money, required, "Refund amount", 0.01 to 5000`; `select: low | high`. */
function fieldText(field: FormFieldView): string {
  const parts = [field.options === undefined ? field.type : `${field.type}: ${field.options.join(' | ')}`, field.required ? 'required' : 'optional'];
  if (field.label !== undefined && field.label !== field.key) parts.push(`"${field.label}"`);
  if (field.min !== undefined && field.max !== undefined) parts.push(`${field.min} to ${field.max}`);
  else if (field.min !== undefined) parts.push(`at least ${field.min}`);
  else if (field.max !== undefined) parts.push(`at most ${field.max}`);
  if (field.help !== undefined) parts.push(field.help);
  return parts.join(', ');
}
