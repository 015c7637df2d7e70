/** Stripe events as received: each with the runs it started, or why it started none. */
import { InvalidInputError, NotFoundError } from '../core/errors.ts';
import type { StoredEvent } from '../store/event-store.ts';
import type { AppContext } from './app-context.ts';
import { checkTimeWindow } from './time-window-check.ts';
import { checkedObjectId } from './stripe-object-filter.ts';

export const MAX_EVENT_PAGE = 200;
export const DEFAULT_EVENT_PAGE = 50;

/**
 * Newest first, one page at a time, optionally of one event type, optionally about one Stripe object
 * (`about`: its id; a customer's id also finds the events about that customer's payments, charges, invoices),
 * and optionally received in a window (`since` included, `until` not).
 */
export async function listReceivedEvents(
  app: AppContext,
  filter: { limit?: number; cursor?: string; type?: string; about?: string; since?: Date; until?: Date },
): Promise<{ events: StoredEvent[]; nextCursor: string | null }> {
  const limit = filter.limit ?? DEFAULT_EVENT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_PAGE) {
    throw new InvalidInputError('request_invalid', `limit ${limit} is out of range; give a whole number from 1 to ${MAX_EVENT_PAGE}`, [], { path: 'limit' });
  }
  if (filter.cursor !== undefined && !/^\d+\|.+$/.test(filter.cursor)) {
    throw new InvalidInputError('request_invalid', `cursor "${filter.cursor}" is not one this API gave; pass the next_cursor of the previous page`, [], { path: 'cursor' });
  }
  checkTimeWindow(filter.since, filter.until, { start: 'since', end: 'until' });
  return app.events.list({
    limit,
    ...(filter.cursor === undefined ? {} : { cursor: filter.cursor }),
    ...(filter.type === undefined ? {} : { type: filter.type }),
    ...(filter.about === undefined ? {} : { about: checkedObjectId(filter.about, 'object') }),
    ...(filter.since === undefined ? {} : { receivedSince: filter.since }),
    ...(filter.until === undefined ? {} : { receivedBefore: filter.until }),
  });
}

/** @throws NotFoundError `event_not_found` */
export async function receivedEvent(app: AppContext, id: string): Promise<StoredEvent> {
  const event = await app.events.get(id);
  if (!event) throw new NotFoundError('event_not_found', `no received event "${id}"; list events with GET /api/v1/events or \`tollgate events list\``, { path: 'event' });
  return event;
}
