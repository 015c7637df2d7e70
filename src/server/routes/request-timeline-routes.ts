import type { AppContext } from '../../application/app-context.ts';
import { requestTimeline, type TimelineEntry, type TimelinePerson } from '../../application/request-timeline.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { requestParams } from '../catalog-schemas.ts';
import { requestTimelineResponseSchema, type TimelineEntryBody } from '../request-timeline-schemas.ts';
import { refuseOthersRequest } from './request-routes.ts';

/** The timeline of a catalog request, for its requester's "My requests" page. */
export function requestTimelineRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/requests/:id/timeline',
      operationId: 'getRequestTimeline',
      permission: 'requests.submit',
      summary: "What happened to a request: approvals asked for and decided (who, when, the comment), actions with the id of what they created, messages sent, the end",
      description: 'Oldest first. Requesters read the timelines of their own requests only (403 `not_your_request`).',
      tag: 'requests',
      params: requestParams,
      status: 200,
      response: { description: 'The timeline', schema: requestTimelineResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        refuseOthersRequest(request, await app.requests.require(params.id));
        return { timeline: (await requestTimeline(app, params.id)).map(serializeEntry) };
      },
    }),
  ];
}

function serializeEntry(entry: TimelineEntry): TimelineEntryBody {
  const at = entry.at.toISOString();
  switch (entry.kind) {
    case 'submitted':
      return { kind: entry.kind, at, by: person(entry.by) };
    case 'approval_waiting':
      return { kind: entry.kind, at, step: entry.step, title: entry.title, team: entry.team, due_at: entry.dueAt?.toISOString() ?? null };
    case 'approval_decided':
      return {
        kind: entry.kind,
        at,
        step: entry.step,
        title: entry.title,
        decision: entry.decision,
        by: person(entry.by),
        on_behalf_of: entry.onBehalfOf === null ? null : person(entry.onBehalfOf),
        comment: entry.comment,
      };
    case 'approval_timed_out':
      return { kind: entry.kind, at, step: entry.step, title: entry.title };
    case 'action':
      return { kind: entry.kind, at, step: entry.step, title: entry.title, operation: entry.operation, status: entry.status, reference: entry.reference, error: entry.error };
    case 'message':
      return { kind: entry.kind, at, step: entry.step, title: entry.title, operation: entry.operation, to: entry.to, subject: entry.subject };
    case 'ended':
      return { kind: entry.kind, at, status: entry.status, outcome: entry.outcome, error: entry.error };
    default: {
      const unknownKind: never = entry;
      throw new Error(`unknown timeline entry ${JSON.stringify(unknownKind)}`);
    }
  }
}

function person(who: TimelinePerson): { email: string; name: string | null } {
  return { email: who.email, name: who.name };
}
