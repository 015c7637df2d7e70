/** The reading actions of `tollgate services` (services-command.ts registers them), loaded when one runs. */
import { NotFoundError } from '../../core/errors.ts';
import { apiRequest } from '../api-client.ts';
import type { CatalogServiceView, OfferingView } from '../catalog-views.ts';
import { cell, formatTable, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';

export async function listServices(options: ServerOptions): Promise<void> {
  const answer = await apiRequest<{ services: CatalogServiceView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/services' });
  if (options.json) return printJson(answer);
  if (answer.services.length === 0) return printLines('no services: make one with `tollgate services create --file FILE`');
  const rows = answer.services.map((service) => [service.id, cell(service.title, 40), String(service.offerings.length), cell(service.description, 60)]);
  printLines(formatTable(['id', 'title', 'offerings', 'description'], rows));
}

/** The API lists services (there is no route for one): the CLI picks the service from the list. */
export async function showService(id: string, options: ServerOptions): Promise<void> {
  const { services } = await apiRequest<{ services: CatalogServiceView[] }>(connectionFrom(options), { method: 'GET', path: '/api/v1/services' });
  const service = services.find((item) => item.id === id);
  if (service === undefined) {
    throw new NotFoundError('service_not_found', `no service "${id}"; known services: ${services.map((item) => item.id).join(', ') || '(none; make one with `tollgate services create`)'}`, { path: 'id' });
  }
  if (options.json) return printJson({ service });
  printLines(...serviceLines(service));
}

/** A service and the table of its offerings, for `show` and after a change. */
export function serviceLines(service: CatalogServiceView): string[] {
  const lines = [`service      ${service.id}`, `title        ${service.title}`, `description  ${service.description ?? '-'}`];
  if (service.offerings.length === 0) return [...lines, 'offerings    none: add some with `tollgate services edit ID --file FILE`'];
  const rows = service.offerings.map((offering) => [offering.id, cell(offering.title, 40), offering.workflow, versionText(offering), offering.status, availability(offering)]);
  return [...lines, '', formatTable(['offering', 'title', 'workflow', 'version', 'status', 'takes requests'], rows)];
}

/** `2` (pinned), `latest (v3)` (what a request runs now), or `latest` when none can be submitted (the last column says why). */
function versionText(offering: OfferingView): string {
  if (offering.version !== 'latest') return String(offering.version);
  return offering.resolved_version === null ? 'latest' : `latest (v${offering.resolved_version})`;
}

function availability(offering: OfferingView): string {
  if (offering.available) return 'yes';
  return `no: ${cell(offering.unavailable_reason?.message ?? offering.status, 80)}`;
}
