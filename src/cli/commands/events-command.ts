import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_EVENT_PAGE, MAX_EVENT_PAGE } from '../../application/received-events.ts';
import { apiRequest, segment } from '../api-client.ts';
import { eventObjectOfSummary, owningObjects } from '../../core/event-object.ts';
import type { EventView } from '../catalog-views.ts';
import { formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import { withServerOptions, type ServerOptions } from '../server-options.ts';
import { stripeObjectOption } from '../stripe-object-option.ts';
import { parseTime } from '../time-flag.ts';

interface ListOptions extends ServerOptions {
  type?: string;
  object?: string;
  /** ISO times, as parseTime makes them. */
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

/** `tollgate events list|show`; joins an `events` group another module may have registered (e.g. `events send`). */
export function registerEventsCommand(program: Command): void {
  const events = program.commands.find((command) => command.name() === 'events') ?? program.command('events').description('received Stripe events and what they started');
  withServerOptions(
    events
      .command('list')
      .description('list received Stripe events, newest first, with the runs each started or why none')
      .option('--type <type>', 'only events of this type, e.g. charge.refunded')
      .addOption(new Option('--since <when>', 'only events received at or after this: a duration ago (24h, 7d) or an ISO time').argParser(parseTime))
      .addOption(new Option('--until <when>', 'only events received before this: a duration ago (1h) or an ISO time').argParser(parseTime))
      .addOption(stripeObjectOption("only events about this Stripe object (pi_..., ch_..., in_..., cus_...) or what belongs to it: a customer's payments and charges, a payment's charges and disputes, a charge's refunds and fraud warnings"))
      .addOption(new Option('--limit <n>', `events per page, 1 to ${MAX_EVENT_PAGE} (default ${DEFAULT_EVENT_PAGE})`).argParser(parseLimit))
      .option('--cursor <cursor>', 'continue a listing where the previous page ended'),
  ).action(listEvents);
  withServerOptions(events.command('show').description('a received event, its payload and matches').argument('<id>', 'event id')).action(showEvent);
}

async function listEvents(options: ListOptions): Promise<void> {
  const page = await apiRequest<{ events: EventView[]; next_cursor: string | null }>(connectionFrom(options), {
    method: 'GET',
    path: '/api/v1/events',
    query: { type: options.type, object: options.object, since: options.since, until: options.until, limit: options.limit, cursor: options.cursor },
  });
  if (options.json) return printJson(page);
  if (page.events.length === 0) return printLines(options.object === undefined ? 'no events received' : `no events received about ${options.object}`);
  const rows = page.events.map((event) => [event.id, event.type, aboutCell(event), formatTime(event.received_at), matchSummary(event)]);
  printLines(formatTable(['id', 'type', 'about', 'received', 'started'], rows));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate events list', { type: options.type, object: options.object, since: options.since, until: options.until, limit: options.limit }, page.next_cursor));
}

async function showEvent(id: string, options: ServerOptions): Promise<void> {
  const { event } = await apiRequest<{ event: EventView }>(connectionFrom(options), { method: 'GET', path: `/api/v1/events/${segment(id)}` });
  if (options.json) return printJson({ event });
  printLines(
    `event       ${event.id}`,
    `type        ${event.type}`,
    `account     ${event.account ?? '-'}`,
    `connector   ${event.connector} (${event.source})`,
    `about       ${aboutCell(event)}`,
    `received    ${formatTime(event.received_at)}`,
    event.matches.length === 0 ? 'matches     no workflow listens to this type' : 'matches',
    ...event.matches.map((match) => `  ${match.workflow_title} (${match.workflow}): ${match.run ?? '-'} (${match.generation === 0 ? match.reason : `replay ${match.generation} by ${match.replayed_by ?? 'unknown'}`})`),
  );
}

/**
 * What an event is about: the object, then what it belongs to (its customer, payment and charge), e.g.
 * `ch_3Nx... (cus_Q1..., pi_3Nx...)` or `dp_1Q... (pi_3Nx..., ch_3Nx...)`; the object alone, or `-`.
 */
function aboutCell(event: EventView): string {
  const owners = owningObjects(eventObjectOfSummary(event)).map((owner) => owner.id);
  return owners.length === 0 ? (event.object ?? '-') : `${event.object ?? '-'} (${owners.join(', ')})`;
}

function matchSummary(event: EventView): string {
  if (event.matches.length === 0) return '-';
  return event.matches.map((match) => (match.run === null ? `${match.workflow}: ${match.reason}` : `${match.workflow}: ${match.run}`)).join('; ');
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_EVENT_PAGE) throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_EVENT_PAGE}.`);
  return limit;
}
