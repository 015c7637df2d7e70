import type { AppContext } from '../../application/app-context.ts';
import { listReceivedEvents, receivedEvent } from '../../application/received-events.ts';
import { recoverMissedStripeEvents } from '../../application/recover-stripe-events.ts';
import { replayEvent } from '../../application/replay-event.ts';
import { workflowTitles } from '../../application/workflow-titles.ts';
import type { StoredEvent } from '../../store/event-store.ts';
import { authenticatedCaller } from '../caller-email.ts';
import { eventRecoverBody, eventRecoverResponseSchema } from '../event-recovery-schemas.ts';
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
        const workflowTitle = await matchedWorkflowTitles(app, page.events);
        return { events: page.events.map((event) => serializeEventSummary(event, workflowTitle)), next_cursor: page.nextCursor };
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
        const event = await receivedEvent(app, params.id);
        return { event: serializeEvent(event, await matchedWorkflowTitles(app, [event])) };
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
        const workflowTitle = await workflowTitles(app, outcomes.map((outcome) => outcome.workflowId));
        return { event: params.id, results: outcomes.map((outcome) => serializeReplayOutcome(outcome, workflowTitle)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/events/recover',
      operationId: 'recoverEvents',
      idempotent: true,
      permission: 'runs.operate',
      summary: "Take in the Stripe events of a window that Tollgate missed, from Stripe's Events API",
      description:
        'After downtime, or once Stripe stopped retrying or disabled the webhook endpoint: reads the window from the Events API and takes in each event Tollgate does not hold, as if delivered now, so its workflows start. ' +
        'Events are stored once by id, so an event delivered meanwhile, or a recovery run twice, starts nothing twice. ' +
        'Webhook mode does this by itself for undelivered events every TOLLGATE_STRIPE_RECOVERY (15 min); this reaches back up to 30 days, or compares every event (`scope: all`). ' +
        "A Connect platform names the connected accounts to read too (`accounts`): Stripe lists their events only to a request made as each; the sweep reads the accounts Tollgate has had events from. " +
        'With `preview`, nothing is taken in. The recovery is recorded in the audit trail (`events.recovered`).',
      tag: 'events',
      body: eventRecoverBody,
      status: 200,
      response: { description: 'What the window held, and the events taken in', schema: eventRecoverResponseSchema },
      errors: [404, 503],
      async handle({ body, request }) {
        const result = await recoverMissedStripeEvents(app, { ...body, caller: request.caller });
        return {
          connector: result.connector,
          since: result.since.toISOString(),
          until: result.until.toISOString(),
          scope: result.scope,
          preview: result.preview,
          accounts: [...result.accounts],
          listed: result.listed,
          already_stored: result.alreadyStored,
          missing: result.missingCount,
          events: result.missing,
        };
      },
    }),
  ];
}

/** The titles of the workflows `events` matched, so the events pages name them from the first answer. */
function matchedWorkflowTitles(app: AppContext, events: readonly StoredEvent[]): Promise<(workflowId: string) => string> {
  return workflowTitles(app, events.flatMap((event) => event.matches.map((match) => match.workflowId)));
}
