import type { AppContext } from '../../application/app-context.ts';
import { listOutbox, outboxMessage } from '../../application/outbox-messages.ts';
import { workflowsOfRuns } from '../../application/workflows-of-runs.ts';
import { previewEmailStep } from '../../application/preview-email-step.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  emailPreviewBody,
  emailPreviewParams,
  emailPreviewResponseSchema,
  outboxListQuery,
  outboxListResponseSchema,
  outboxMessageResponseSchema,
  outboxParams,
} from '../outbox-schemas.ts';
import { serializeEmailPreview, serializeOutboxListItem, serializeOutboxMessage } from '../outbox-serializers.ts';

/** The outbox (every email recorded) and the email step preview. */
export function outboxRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/outbox',
      operationId: 'listOutbox',
      permission: 'runs.read',
      summary: 'List recorded emails, newest first (the built-in mailer and SMTP deliveries)',
      tag: 'outbox',
      query: outboxListQuery,
      status: 200,
      response: { description: 'A page of messages, without bodies', schema: outboxListResponseSchema },
      async handle({ query }) {
        const page = await listOutbox(app, {
          limit: query.limit,
          ...(query.run === undefined ? {} : { runId: query.run }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        const workflows = await workflowsOfRuns(app, page.items);
        return { messages: page.items.map((message) => serializeOutboxListItem(message, workflows)), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/outbox/:id',
      operationId: 'getOutboxMessage',
      permission: 'runs.read',
      summary: 'One recorded email with its text and HTML',
      tag: 'outbox',
      params: outboxParams,
      status: 200,
      response: { description: 'The message', schema: outboxMessageResponseSchema },
      errors: [404],
      async handle({ params }) {
        const { message, run } = await outboxMessage(app, params.id);
        return { message: serializeOutboxMessage(message, run) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/workflows/:id/steps/:step/preview',
      operationId: 'previewEmailStep',
      permission: 'workflows.read',
      summary: "Render an email.send step's email with sample variables, without sending it",
      description: 'Renders the draft (or `version`): recipients with teams expanded, subject, text and HTML. Template errors answer 400 with the path at fault.',
      tag: 'outbox',
      params: emailPreviewParams,
      body: emailPreviewBody,
      status: 200,
      response: { description: 'The email as it would be sent', schema: emailPreviewResponseSchema },
      errors: [404],
      async handle({ params, body }) {
        const preview = await previewEmailStep(app, {
          workflowId: params.id,
          stepId: params.step,
          sample: body.sample,
          ...(body.version === undefined ? {} : { version: body.version }),
        });
        return serializeEmailPreview(preview);
      },
    }),
  ];
}
