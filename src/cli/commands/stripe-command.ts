import { InvalidArgumentError, Option, type Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { STRIPE_EVENT_TYPES } from '../../definition/stripe-event-types.ts';
import type { SandboxStatus } from '../../sandbox/index.ts';
import { EVENT_PAYLOADS, type EventPayload } from '../../sandbox/stripe-objects.ts';
import { printJson, printLines } from '../output.ts';
import { readSandboxUrl } from '../../system/client-settings.ts';
import { callSandbox, callSandboxApi } from '../sandbox-client.ts';
import { sandboxStatusLines } from '../sandbox-status-report.ts';

interface TriggerOptions {
  amount?: number;
  currency?: string;
  customer?: string;
  account?: string;
  charge?: string;
  metadata?: Record<string, string>;
  eventFile?: string;
  sandbox?: string;
  json?: boolean;
}

interface FailNextOptions {
  count: number;
  status?: number;
  timeout?: boolean;
  afterProcessing?: boolean;
  method?: string;
  path?: string;
  sandbox?: string;
}

interface EndpointUpdateOptions {
  eventPayload: EventPayload;
  sandbox?: string;
  json?: boolean;
}

/** A webhook endpoint as the sandbox's Stripe API answers it (`GET /v1/webhook_endpoints`). */
interface EndpointView {
  id: string;
  url: string;
  metadata: Record<string, string>;
  event_payload?: EventPayload;
}

/** `tollgate stripe trigger|status|fail-next|endpoints update`: like the Stripe CLI's, against the built-in sandbox of a running `tollgate start`. */
export function registerStripeCommand(program: Command): void {
  const stripe = program.command('stripe').description('the built-in Stripe sandbox');
  const sandboxOption = (): Option => new Option('--sandbox <url>', 'the sandbox URL (env TOLLGATE_SANDBOX_URL, default http://127.0.0.1:<TOLLGATE_SANDBOX_PORT>, 12111)');
  stripe
    .command('trigger')
    .description('fire an event of any Stripe event type: with real objects behind it where the sandbox keeps them, else a generated object of the right kind; or exactly the event in --event-file')
    .argument('[event-type]', 'e.g. charge.dispute.created (optional with an --event-file holding a whole event)')
    .addOption(new Option('--amount <minor-units>', 'amount in minor units (150000 = 1,500.00 USD)').argParser(parseAmount))
    .option('--currency <code>', 'ISO currency, e.g. usd')
    .option('--customer <id>', 'an existing sandbox customer (cus_...)')
    .option('--account <id>', 'a connected account (acct_...) to send the event from')
    .option('--charge <id>', 'an existing sandbox charge (ch_...) the dispute or early fraud warning is on')
    .addOption(new Option('--metadata <key=value>', 'metadata on the object (repeatable)').argParser(parseMetadata))
    .option('--event-file <file>', 'JSON or YAML of an event, or of just its data.object: sent as is (id, created and api_version filled when missing)')
    .addOption(sandboxOption())
    .option('--json', 'print the event as JSON')
    .action(triggerEvent);
  stripe
    .command('status')
    .description('the sandbox: its URL, webhook endpoints (secrets masked), delivery queue and stored objects')
    .addOption(sandboxOption())
    .option('--json', 'print the status as JSON')
    .action(showStatus);
  stripe
    .command('endpoints')
    .description("the sandbox's webhook endpoints (`tollgate stripe status` lists them)")
    .command('update')
    .description('change what a webhook endpoint delivers: whole events (snapshot), or thin events that name the object, which Tollgate then fetches, as a Stripe event destination with `event_payload: thin` sends them')
    .argument('[endpoint-id]', 'we_...; by default the endpoint `tollgate start` delivers to')
    .addOption(new Option('--event-payload <payload>', 'thin: each delivery a thin event (v2.core.event naming the object); snapshot: the whole event').choices(EVENT_PAYLOADS).makeOptionMandatory())
    .addOption(sandboxOption())
    .option('--json', 'print the endpoint as JSON')
    .action(updateEndpoint);
  stripe
    .command('fail-next')
    .description('make the next matching Stripe API calls fail: an error status or no answer, before or after the call took effect')
    .addOption(new Option('--count <n>', 'how many calls fail').default(1).argParser(parseCount))
    .addOption(new Option('--status <code>', 'answer with this status').choices(['500', '429', '502', '503', '504']).argParser(Number))
    .option('--timeout', 'give no answer at all (the client times out)')
    .option('--after-processing', 'run the call first, then fail its answer (money moved, answer lost)')
    .option('--method <method>', 'only calls with this method, e.g. POST')
    .option('--path <path>', 'only calls to this path, e.g. /v1/refunds')
    .addOption(sandboxOption())
    .action(failNext);
}

async function triggerEvent(type: string | undefined, options: TriggerOptions): Promise<void> {
  if (type !== undefined && !STRIPE_EVENT_TYPES.includes(type)) {
    const { unknownEventTypeMessage } = await import('../../system/stripe-setup.ts');
    throw new InvalidInputError('unsupported_event_type', unknownEventTypeMessage(type), [], { path: 'event-type' });
  }
  let event: { id?: string; type?: string; data?: { object?: { id?: string; object?: string } } };
  if (options.eventFile !== undefined) {
    const { readEventFile } = await import('../event-file.ts');
    const document = await readEventFile(options.eventFile);
    const whole = document.object === 'event' || (document.type !== undefined && document.data !== undefined);
    if (!whole && type === undefined) throw new InvalidInputError('event_type_missing', `--event-file ${options.eventFile} holds a data.object, not an event: give the event type, e.g. \`tollgate stripe trigger charge.dispute.created --event-file ${options.eventFile}\``, [], { path: 'event-type' });
    event = (await callSandbox(sandboxOf(options), 'POST', '/_sandbox/events', { ...(whole ? { event: document } : { object: document }), type, account: options.account })) as typeof event;
  } else {
    if (type === undefined) throw new InvalidInputError('event_type_missing', 'give the event type to fire, e.g. `tollgate stripe trigger charge.dispute.created`, or an --event-file', [], { path: 'event-type' });
    const body = { event: type, amount: options.amount, currency: options.currency, customer: options.customer, account: options.account, charge: options.charge, metadata: options.metadata };
    event = (await callSandbox(sandboxOf(options), 'POST', '/_sandbox/trigger', body)) as typeof event;
  }
  if (options.json) return printJson(event);
  const object = event.data?.object;
  printLines(`fired ${event.type} ${event.id} (${object?.object ?? 'object'} ${object?.id ?? 'without id'}); see \`tollgate events list\` and \`tollgate runs list\``);
}

async function showStatus(options: { sandbox?: string; json?: boolean }): Promise<void> {
  const status = (await callSandbox(sandboxOf(options), 'GET', '/_sandbox/status')) as SandboxStatus;
  if (options.json) return printJson(status);
  printLines(...sandboxStatusLines(status));
}

async function updateEndpoint(id: string | undefined, options: EndpointUpdateOptions): Promise<void> {
  const target = id ?? (await startEndpointId(sandboxOf(options)));
  const endpoint = (await callSandboxApi(sandboxOf(options), 'POST', `/v1/webhook_endpoints/${encodeURIComponent(target)}`, { event_payload: options.eventPayload })) as EndpointView;
  if (options.json) return printJson(endpoint);
  const carries = options.eventPayload === 'thin' ? 'thin events (Tollgate fetches the object each names)' : 'whole events';
  printLines(`${endpoint.id} (${endpoint.url}) now delivers ${carries}, its pending retries too; fire one with \`tollgate stripe trigger\``);
}

/** The endpoint `tollgate start` delivers to (its metadata says so), else the only one; the ids to choose from otherwise. */
async function startEndpointId(sandbox: string): Promise<string> {
  const { data } = (await callSandboxApi(sandbox, 'GET', '/v1/webhook_endpoints?limit=100')) as { data: EndpointView[] };
  const chosen = data.find((endpoint) => endpoint.metadata.tollgate === 'start') ?? (data.length === 1 ? data[0] : undefined);
  if (chosen !== undefined) return chosen.id;
  const known = data.length === 0 ? 'the sandbox has none' : `it has ${data.map((endpoint) => `${endpoint.id} (${endpoint.url})`).join(', ')}`;
  throw new InvalidInputError('endpoint_missing', `give the webhook endpoint to change: ${known}`, [], { path: 'endpoint-id' });
}

async function failNext(options: FailNextOptions): Promise<void> {
  if ((options.status === undefined) === (options.timeout !== true)) throw new InvalidInputError('fault_invalid', 'give either --status CODE or --timeout', [], { path: 'status' });
  const body = {
    count: options.count,
    ...(options.status === undefined ? { kind: 'timeout' } : { status: options.status }),
    after_processing: options.afterProcessing === true,
    method: options.method,
    path: options.path,
  };
  const queued = (await callSandbox(sandboxOf(options), 'POST', '/_sandbox/faults', body)) as { data: unknown[] };
  printLines(`queued: the next ${options.count} matching call(s) fail; ${queued.data.length} fault(s) waiting in all`);
}

/** --sandbox, else TOLLGATE_SANDBOX_URL or the local sandbox port: the flag goes through the variable's check. */
function sandboxOf(options: { sandbox?: string }): string {
  return readSandboxUrl({ ...process.env, ...(options.sandbox === undefined ? {} : { TOLLGATE_SANDBOX_URL: options.sandbox }) });
}

function parseAmount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a positive whole number of minor units, e.g. 150000 for 1,500.00 USD.');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a positive whole number.');
  return Number(value);
}

function parseMetadata(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError('write it as key=value, e.g. --metadata order_id=42');
  return { ...previous, [text.slice(0, equals)]: text.slice(equals + 1) };
}
