/**
 * Stripe objects a simulation makes up: what a write would have returned
 * (built from its input), and what a read returns when it may not go to Stripe.
 */
import { newId } from '../core/ids.ts';
import { idPrefixOf } from '../sandbox/generated-event-object.ts';

export type StripeLike = Record<string, unknown>;

/** The object kind an operation's resource holds: `stripe.paymentIntents.retrieve` → `payment_intent`. */
export function resourceKind(operation: string): string {
  const resource = operation.split('.')[1] ?? 'object';
  const snake = resource.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return snake.endsWith('s') ? snake.slice(0, -1) : snake;
}

/** A made-up id of a kind: `re_sim_…`. */
export function simulatedId(kind: string, now: Date): string {
  return newId(`${idPrefixOf(kind)}_sim`, now);
}

/** Every Stripe object (`{id, object}`) inside a value, outermost first: an event's object and the objects expanded in it. */
export function stripeObjectsIn(value: unknown, found: StripeLike[] = [], depth = 0): StripeLike[] {
  if (depth > 8 || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const item of value) stripeObjectsIn(item, found, depth + 1);
    return found;
  }
  const object = value as StripeLike;
  if (typeof object.id === 'string' && typeof object.object === 'string' && object.object !== 'event') found.push(object);
  for (const item of Object.values(object)) stripeObjectsIn(item, found, depth + 1);
  return found;
}

const OWN_PARAMS = new Set(['id', 'stripe_account', 'expand']);

/** What an update returns: the object as known (or a bare one) with the input applied, metadata merged. */
export function updatedObject(kind: string, known: StripeLike | undefined, input: Record<string, unknown>): StripeLike {
  const object: StripeLike = { ...(known ?? { id: input.id, object: kind }) };
  for (const [key, value] of Object.entries(input)) {
    if (OWN_PARAMS.has(key)) continue;
    if (key === 'metadata' && value !== null && typeof value === 'object') object.metadata = { ...(object.metadata as object | undefined), ...(value) };
    else object[key] = value;
  }
  return object;
}

/** What a dispute update or close returns: evidence merged, and the status Stripe would move it to. */
export function updatedDispute(operation: string, known: StripeLike | undefined, input: Record<string, unknown>): StripeLike {
  const dispute = updatedObject('dispute', known, { id: input.id, ...(input.metadata === undefined ? {} : { metadata: input.metadata }) });
  const inquiry = dispute.status === 'warning_needs_response';
  if (operation === 'stripe.disputes.close') return { ...dispute, status: inquiry ? 'warning_closed' : 'lost' };
  const evidence = input.evidence !== null && typeof input.evidence === 'object' ? input.evidence : {};
  const updated = { ...dispute, evidence: { ...(dispute.evidence as object | undefined), ...evidence } };
  if (input.submit !== true) return updated;
  const details = (dispute.evidence_details ?? {}) as { submission_count?: number };
  return { ...updated, status: inquiry ? 'warning_under_review' : 'under_review', evidence_details: { ...details, submission_count: (details.submission_count ?? 0) + 1 } };
}

/** What a create returns: an object of the kind with the input's fields, a simulated id and a plausible status. */
export function createdObject(kind: string, input: Record<string, unknown>, extra: StripeLike, now: Date): StripeLike {
  const fields = Object.fromEntries(Object.entries(input).filter(([key]) => !OWN_PARAMS.has(key)));
  return {
    id: simulatedId(kind, now),
    object: kind,
    ...fields,
    ...extra,
    ...(kind === 'refund' ? { status: 'succeeded' } : {}),
    created: Math.floor(now.getTime() / 1000),
    livemode: false,
  };
}

/** What a read returns without Stripe: the object when the simulation has seen it, else a bare one; an empty list for lists. */
export function simulatedRead(operation: string, input: Record<string, unknown>, known: (id: string) => StripeLike | undefined): unknown {
  if (operation.endsWith('.list')) return { object: 'list', data: [], has_more: false, url: `/v1/${operation.split('.')[1] ?? ''}` };
  const id = typeof input.id === 'string' ? input.id : '';
  return known(id) ?? { id, object: resourceKind(operation), simulated: true };
}
