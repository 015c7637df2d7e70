import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_REQUEST_PAGE, MAX_REQUEST_PAGE } from '../../application/request-page.ts';
import { REQUEST_STATUSES, type RequestStatus } from '../../core/statuses.ts';
import { apiRequest, segment } from '../api-client.ts';
import type { RequestDetailView, RequestView, SubmitRequestView } from '../catalog-views.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { mergeInputs, parseInputFlag, readInputFile, type InputPair } from '../parse-input-flags.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';
import { parseTime } from '../time-flag.ts';

interface SubmitOptions extends ServerOptions {
  field: InputPair[];
  file?: string;
  requester?: string;
}

interface ListOptions extends ServerOptions {
  mine?: boolean;
  as?: string;
  requester?: string;
  status?: RequestStatus;
  service?: string;
  offering?: string;
  /** ISO times, as parseTime makes them. */
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

export function registerRequestsCommand(program: Command): void {
  const requests = program.command('requests').description('submit catalog requests and follow them on the running server');
  withServerOptions(
    requests
      .command('submit')
      .description("submit an offering's form: creates the request and starts its run")
      .argument('<offering>', 'offering id, or service/offering')
      .addOption(new Option('--field <key=value>', 'a form value, repeatable; the server converts it by field type').argParser(parseInputFlag).default([]))
      .option('--file <file>', 'form values from a JSON or YAML object (--field values win)')
      .option('--requester <email>', 'who submits; used when the server runs without authentication'),
  ).action(submitRequest);
  withServerOptions(
    requests
      .command('list')
      .description('list requests, newest first')
      .option('--mine', 'only your own requests (with --as while authentication is off)')
      .option('--as <email>', 'who --mine means, while authentication is off')
      .option('--requester <email>', "only this requester's requests")
      .addOption(new Option('--status <status>', 'only requests in this status').choices(REQUEST_STATUSES))
      .option('--service <id>', 'only requests for an offering of this service')
      .option('--offering <id>', "only requests for the offering with this id (with --service, that service's offering)")
      .addOption(new Option('--since <when>', 'only requests submitted at or after this: a duration ago (24h, 7d) or an ISO time').argParser(parseTime))
      .addOption(new Option('--until <when>', 'only requests submitted before this: a duration ago (1h) or an ISO time').argParser(parseTime))
      .addOption(new Option('--limit <n>', `requests per page, 1 to ${MAX_REQUEST_PAGE} (default ${DEFAULT_REQUEST_PAGE})`).argParser(parseLimit))
      .option('--cursor <cursor>', 'continue a listing where the previous page ended'),
  ).action(listRequests);
  withServerOptions(requests.command('show').description('a request, its run and its pending approvals').argument('<id>', 'request id')).action(showRequest);
  withServerOptions(requests.command('cancel').description('cancel an open request (and its run)').argument('<id>', 'request id')).action(cancelRequest);
}

async function submitRequest(offering: string, options: SubmitOptions): Promise<void> {
  const values = mergeInputs(options.file === undefined ? {} : await readInputFile(options.file), options.field);
  const answer = await apiRequest<SubmitRequestView>(connectionFrom(options), {
    method: 'POST',
    path: `/api/v1/catalog/offerings/${segment(offering)}/requests`,
    body: { json: { values, ...(options.requester === undefined ? {} : { requester: options.requester }) } },
    idempotent: true,
  });
  if (options.json) return printJson(answer);
  printLines(`submitted request ${answer.request.id} (${answer.request.status}) for ${answer.request.service}/${answer.request.offering}`, `run ${answer.run.id} of ${answer.run.workflow} v${answer.run.version}`, `follow it with \`tollgate requests show ${answer.request.id}\``);
}

async function listRequests(options: ListOptions): Promise<void> {
  const page = await apiRequest<{ requests: RequestView[]; next_cursor: string | null }>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/requests',
    query: { mine: options.mine, as: options.as, requester: options.requester, status: options.status, service: options.service, offering: options.offering, created_after: options.since, created_before: options.until, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(page);
  if (page.requests.length === 0) return printLines('no requests');
  const rows = page.requests.map((request) => [request.id, `${request.service}/${request.offering}`, request.requester, request.status, cell(request.outcome), formatTime(request.created_at)]);
  printLines(formatTable(['id', 'offering', 'requester', 'status', 'outcome', 'submitted'], rows));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate requests list', { mine: options.mine, as: options.as, requester: options.requester, status: options.status, service: options.service, offering: options.offering, since: options.since, until: options.until, limit: options.limit }, page.next_cursor));
}

async function showRequest(id: string, options: ServerOptions): Promise<void> {
  const detail = await apiRequest<RequestDetailView>(connectionFrom(options), { method: 'GET', path: `/api/v1/requests/${segment(id)}` });
  if (options.json) return printJson(detail);
  printLines(...formatRequest(detail));
}

async function cancelRequest(id: string, options: ServerOptions): Promise<void> {
  const detail = await apiRequest<RequestDetailView>(connectionFrom(options), { method: 'POST', path: `/api/v1/requests/${segment(id)}/cancel`, idempotent: true });
  if (options.json) return printJson(detail);
  printLines(`request ${detail.request.id} cancelled; run ${detail.run.id} is ${detail.run.status}`);
}

function formatRequest(detail: RequestDetailView): string[] {
  const { request, run } = detail;
  const lines = [
    `request     ${request.id}`,
    `offering    ${request.service}/${request.offering}`,
    `requester   ${request.requester}`,
    `status      ${request.status}`,
    `outcome     ${request.outcome ?? '-'}`,
    `submitted   ${formatTime(request.created_at)}`,
    `closed      ${formatTime(request.closed_at)}`,
    `run         ${run.id} (${run.workflow} v${run.version}, ${run.status})`,
    'values',
    ...Object.entries(request.values).map(([key, value]) => `  ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`),
  ];
  if (detail.pending_approvals.length === 0) return [...lines, 'pending approvals: none'];
  return [...lines, 'pending approvals', ...detail.pending_approvals.map((task) => `  ${task.id}  ${task.title}  (${task.approvers.join(', ') || 'nobody'})`)];
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_REQUEST_PAGE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_REQUEST_PAGE}.`);
  return limit;
}
