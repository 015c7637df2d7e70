import type { AppContext } from '../../application/app-context.ts';
import { listReceivedEvents, receivedEvent } from '../../application/received-events.ts';
import { replayEvent } from '../../application/replay-event.ts';
import { authenticatedCaller } from '../caller-email.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { eventListQuery, eventListResponseSchema, eventParams, eventReplayBody, eventReplayResponseSchema, eventResponseSchema } from '../event-schemas.ts';
import { serializeEvent, serializeEventSummary, serializeReplayOutcome } from '../event-serializers.ts';

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
          ...(query.object === undefined ? {} : { about: query.object }),
          ...(query.since === undefined ? {} : { since: query.since }),
          ...(query.until === undefined ? {} : { until: query.until }),
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
    defineRoute({
      method: 'POST',
      url: '/api/v1/events/:id/replay',
      operationId: 'replayEvent',
      idempotent: true,
      permission: 'runs.operate',
      summary: 'Match a received event again against the workflows as they are now, and start what it starts',
      description:
        'Without `force`, starts runs only for workflows this event has not started yet (published since it arrived, or whose condition was false and has been fixed); ' +
        'the others answer `already_ran` with their runs. With `force`, every matching workflow starts again: a new run, so new idempotency keys, while the earlier runs stay as they are. ' +
        'Each run a replay starts is recorded on the event with its generation and who replayed it. Two replays at once never both start a run where none existed.',
      tag: 'events',
      params: eventParams,
      body: eventReplayBody.optional(),
      status: 200,
      response: { description: 'What the replay did, per workflow listening to the event type', schema: eventReplayResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        const outcomes = await replayEvent(app, { eventId: params.id, force: body?.force ?? false, by: authenticatedCaller(request)?.email ?? null });
        return { event: params.id, results: outcomes.map(serializeReplayOutcome) };
      },
    }),
  ];
}
