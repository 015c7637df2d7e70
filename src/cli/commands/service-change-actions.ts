/** `tollgate services create` and `edit` (services-command.ts registers them): the file's service, sent as the API's POST takes it. */
import { apiRequest, ApiError, segment, type ApiRequest } from '../api-client.ts';
import type { ApiIssue, ApplyResultView } from '../api-types.ts';
import type { CatalogServiceView } from '../catalog-views.ts';
import { printJson, printLines } from '../output.ts';
import { warningLines } from '../report-error.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';
import { placedInFile, readServiceFile, type ServiceFile } from '../service-file.ts';
import { serviceLines } from './services-actions.ts';

interface FileOptions extends ServerOptions {
  file: string;
}

/** The answer of POST /api/v1/services and /api/v1/services/:id. */
interface ServiceChangeView {
  service: CatalogServiceView;
  result: ApplyResultView;
  warnings?: ApiIssue[];
}

export async function createService(options: FileOptions): Promise<void> {
  const file = await readServiceFile(options.file);
  const answer = await send(file, options, { method: 'POST', path: '/api/v1/services', body: { json: file.body }, idempotent: true });
  report(answer, `service ${answer.service.id} created`, options);
}

export async function editService(id: string, options: FileOptions): Promise<void> {
  const file = await readServiceFile(options.file, { editing: id });
  const answer = await send(file, options, { method: 'POST', path: `/api/v1/services/${segment(id)}`, body: { json: file.body } });
  report(answer, `service ${answer.service.id} ${answer.result.action}`, options);
}

async function send(file: ServiceFile, options: ServerOptions, request: ApiRequest): Promise<ServiceChangeView> {
  try {
    return await apiRequest<ServiceChangeView>(connectionFrom(options), request);
  } catch (error) {
    throw error instanceof ApiError ? placedInFile(error, file) : error;
  }
}

function report(answer: ServiceChangeView, headline: string, options: ServerOptions): void {
  if (options.json) return printJson(answer);
  printLines(headline, ...warningLines(answer.warnings), '', ...serviceLines(answer.service));
}
