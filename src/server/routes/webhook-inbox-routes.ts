import type { AppContext } from '../../application/app-context.ts';
import { listWebhookInbox, webhookInboxMessage } from '../../application/webhook-inbox-messages.ts';
import { workflowsOfRuns } from '../../application/workflows-of-runs.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { webhookInboxListQuery, webhookInboxListResponseSchema, webhookInboxMessageResponseSchema, webhookInboxParams } from '../webhook-inbox-schemas.ts';
import { serializeInboxMessage, serializeInboxMessageDetail } from '../webhook-inbox-serializers.ts';

/** The webhook inbox: what webhook.post kept because its connector has no URL configured. */
export function webhookInboxRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/webhook-inbox',
      operationId: 'listWebhookInbox',
      permission: 'runs.read',
      summary: 'List webhook messages kept locally because their connector has no URL configured, newest first',
      tag: 'outbox',
      query: webhookInboxListQuery,
      status: 200,
      response: { description: 'A page of messages', schema: webhookInboxListResponseSchema },
      async handle({ query }) {
        const page = await listWebhookInbox(app, {
          limit: query.limit,
          ...(query.run === undefined ? {} : { runId: query.run }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        const workflows = await workflowsOfRuns(app, page.items);
        return { messages: page.items.map((message) => serializeInboxMessage(message, workflows)), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/webhook-inbox/:id',
      operationId: 'getWebhookInboxMessage',
      permission: 'runs.read',
      summary: 'One webhook message kept in the inbox',
      tag: 'outbox',
      params: webhookInboxParams,
      status: 200,
      response: { description: 'The message', schema: webhookInboxMessageResponseSchema },
      errors: [404],
      async handle({ params }) {
        const { message, run } = await webhookInboxMessage(app, params.id);
        return { message: serializeInboxMessageDetail(message, run) };
      },
    }),
  ];
}
