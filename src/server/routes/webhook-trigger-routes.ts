import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../application/app-context.ts';
import { installJsonParser } from '../body-parsers.ts';
import { receiveWorkflowWebhook, WEBHOOK_SIGNATURE_HEADER } from '../../triggers/webhook-trigger.ts';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../triggers/webhook-signature.ts';
import { parsePart, type ApiRoute, type RouteDoc } from '../api-route.ts';
import { admitWebhook } from '../webhook-admission.ts';
import { webhookPayloadSchema, webhookTriggerParams, webhookTriggerResponseSchema, type WebhookTriggerResponseBody } from '../webhook-trigger-schemas.ts';

const URL = '/webhooks/workflows/:workflowId';

/**
 * The inbound URL of workflows with a webhook trigger. Public: it checks its
 * own signature. The HMAC is over the raw body, so the route lives in its own
 * plugin scope whose JSON parser keeps the text it parsed; other content
 * types are refused (415).
 *
 * @param options.env where `{{ env.NAME }}` secrets are read, at request time (default process.env)
 */
export function webhookTriggerRoutes(app: AppContext, options: { env?: NodeJS.ProcessEnv } = {}): ApiRoute[] {
  const doc: RouteDoc = {
    method: 'POST',
    url: URL,
    operationId: 'triggerWorkflowWebhook',
    summary: 'Start a run of a workflow with a webhook trigger from any JSON body',
    description:
      `When the trigger has a \`secret\`, sign the timestamp and the raw body: \`${WEBHOOK_SIGNATURE_HEADER}: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>" under the secret>\`; ` +
      `a missing or wrong signature, or a timestamp more than ${WEBHOOK_TOLERANCE_SECONDS} s from the server's clock, answers 401 \`signature_invalid\` and starts nothing. ` +
      'Send `Idempotency-Key` (or Standard Webhooks\' `webhook-id`) and repeat it on retries: a retry is taken once even when signed anew; the key with another body answers 422 `idempotency_key_reused`. ' +
      "A repeat (the same key, or the same signed request) answers 200 `{run_id: <the first delivery's run>, reason: 'duplicate'}` and starts nothing (409 `webhook_delivery_in_progress` while the first is being taken). " +
      'The run sees `body` and `headers`, and so does the trigger `when`. 202 `{run_id}` when a run started; ' +
      "200 `{run_id: null, reason: 'condition_false'}` when `when` was false. An inactive workflow answers 409. " +
      'While queued work waits longer than TOLLGATE_INTAKE_MAX_LAG, 503 `intake_overloaded` with Retry-After, and nothing is stored.',
    tag: 'webhooks',
    public: true,
    params: webhookTriggerParams,
    body: webhookPayloadSchema,
    status: 202,
    response: { description: 'The run started (or, with status 200, why none did)', schema: webhookTriggerResponseSchema },
    errors: [
      400,
      401,
      404,
      409,
      { status: 422, description: '`idempotency_key_reused`: the `Idempotency-Key` (or `webhook-id`) was first sent with another body; send a new key for a new delivery' },
      { status: 503, description: '`intake_overloaded`: queued work waits too long; nothing was stored, send it again after `Retry-After`' },
    ],
  };
  return [{ doc, register: (server) => registerInScope(server, app, options.env ?? process.env) }];
}

function registerInScope(server: FastifyInstance, app: AppContext, env: NodeJS.ProcessEnv): void {
  void server.register((scope, _options, done) => {
    const rawBodies = new WeakMap<FastifyRequest, string>();
    scope.removeAllContentTypeParsers();
    installJsonParser(scope, (request, text) => rawBodies.set(request, text));
    scope.route({
      method: 'POST',
      url: URL,
      config: { public: true },
      handler: async (request, reply) => {
        const params = parsePart(webhookTriggerParams, request.params ?? {}, 'path');
        await admitWebhook(app, 'workflow');
        const result = await receiveWorkflowWebhook(
          app.engine,
          { workflowId: params.workflowId, rawBody: rawBodies.get(request) ?? '', body: request.body ?? null, headers: request.headers },
          env,
        );
        if (!result.started) return reply.code(200).send({ run_id: result.runId, reason: result.reason } satisfies WebhookTriggerResponseBody);
        app.wakeWorker();
        return reply.code(202).send({ run_id: result.runId } satisfies WebhookTriggerResponseBody);
      },
    });
    done();
  });
}
