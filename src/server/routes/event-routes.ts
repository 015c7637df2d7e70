import type { AppContext } from '../../application/app-context.ts';
import { listReceivedEvents, receivedEvent } from '../../application/received-events.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { eventListQuery, eventListResponseSchema, eventParams, eventResponseSchema } from '../event-schemas.ts';
import { serializeEvent, serializeEventSummary } from '../event-serializers.ts';

/** Received Stripe events and what each started. */
export function eventRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/events',
      operationId: 'listEvents',
      permission: 'events.read',
      summary: 'List received Stripe events, newest first, each with the runs it started or why none',
      tag: 'events',
      query: eventListQuery,
      status: 200,
      response: { description: 'A page of events', schema: eventListResponseSchema },
      async handle({ query }) {
        const page = await listReceivedEvents(app, {
          limit: query.limit,
          ...(query.type === undefined ? {} : { type: query.type }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        return { events: page.events.map(serializeEventSummary), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/events/:id',
      operationId: 'getEvent',
      permission: 'events.read',
      summary: 'One received event with its payload and matches',
      tag: 'events',
      params: eventParams,
      status: 200,
      response: { description: 'The event', schema: eventResponseSchema },
      errors: [404],
      async handle({ params }) {
        return { event: serializeEvent(await receivedEvent(app, params.id)) };
      },
    }),
  ];
}
