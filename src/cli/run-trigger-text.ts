/**
 * How a run started, for people: the event once (type, id, its object, the
 * amount in major units, the customer), the form request, the manual start;
 * then the run's variables, folded, without the event repeated.
 */
import { stringify } from 'yaml';
import type { RunView } from './api-types.ts';
import type { Palette } from './colour.ts';
import { foldValue, minorMoneyText } from './value-text.ts';

/** Variables an event trigger fills with the event itself (event-matching.ts). */
const EVENT_VARIABLES: ReadonlySet<string> = new Set(['event', 'object']);

/** The `trigger` section: what started the run, the event shown once. */
export function triggerLines(run: RunView, palette: Palette): string[] {
  const { trigger } = run;
  const heading = palette.heading('trigger');
  switch (trigger.type) {
    case 'event':
      return [`${heading}     event`, ...eventLines(run)];
    case 'form':
      return [`${heading}     form: request ${text(trigger.request)} for ${text(trigger.service)}/${text(trigger.offering)} by ${text(trigger.requester)}`];
    case 'manual':
      return [`${heading}     manual${typeof trigger.by === 'string' ? `, by ${trigger.by}` : ''}`];
    case 'schedule':
      return [`${heading}     schedule, tick ${text(trigger.tick)}`];
    default: {
      const details = Object.entries(trigger).filter(([key, value]) => key !== 'type' && (typeof value === 'string' || typeof value === 'number'));
      return [`${heading}     ${trigger.type}${details.map(([key, value]) => `, ${key} ${String(value)}`).join('')}`];
    }
  }
}

function eventLines(run: RunView): string[] {
  const payload = asObject(run.variables.event);
  const data = asObject(payload.data);
  const object = asObject(data.object);
  const rows: [string, string][] = [
    ['type', text(payload.type ?? run.trigger.event_type)],
    ['id', text(payload.id ?? run.trigger.event_id)],
  ];
  if (typeof object.id === 'string') rows.push(['object', `${object.id}${typeof object.object === 'string' ? ` (${object.object})` : ''}`]);
  const amount = minorMoneyText(object.amount, object.currency);
  if (amount !== undefined) rows.push(['amount', amount]);
  else if (object.amount !== undefined) rows.push(['amount', `${foldValue(object.amount)}${typeof object.currency === 'string' ? ` ${object.currency}` : ''}`]);
  const customer = idOf(object.customer);
  if (customer !== undefined) rows.push(['customer', customer]);
  const charge = idOf(object.charge);
  if (charge !== undefined && charge !== object.id) rows.push(['charge', charge]);
  if (typeof run.trigger.account === 'string') rows.push(['account', run.trigger.account]);
  return rows.map(([label, value]) => `  ${label.padEnd(10)}${value}`);
}

/** The `variables` section: each folded to one line (whole with `verbose`); an event's own variables only under `verbose`. */
export function variableLines(run: RunView, options: { verbose: boolean; palette: Palette }): string[] {
  const heading = options.palette.heading('variables');
  if (options.verbose) {
    if (Object.keys(run.variables).length === 0) return [`${heading}   (none)`];
    return [heading, ...stringify(run.variables).trimEnd().split('\n').map((line) => `  ${line}`)];
  }
  const fromEvent = run.trigger.type === 'event';
  const entries = Object.entries(run.variables).filter(([key]) => !(fromEvent && EVENT_VARIABLES.has(key)));
  const lines = entries.map(([key, value]) => `  ${key}: ${foldValue(value)}`);
  if (fromEvent) lines.push(options.palette.dim('  event, object: the event above (every field with --verbose)'));
  return lines.length === 0 ? [`${heading}   (none)`] : [heading, ...lines];
}

/** A Stripe reference: an id, or an expanded object's id. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const id = asObject(value).id;
  return typeof id === 'string' ? id : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '-';
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
