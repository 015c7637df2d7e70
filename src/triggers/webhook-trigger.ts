/**
 * The generic inbound webhook trigger: a workflow with
 * `trigger: {type: webhook, secret?, when?}` starts a run for each JSON body
 * POSTed to its URL.
 *
 * Signature: when the trigger has a `secret`, the sender signs the timestamp
 * and the raw body (webhook-signature.ts). A `{{ env.NAME }}` secret is read
 * from the environment at request time. A missing, wrong or stale signature
 * starts nothing. A delivery is taken once (webhook-replay-guard.ts) by the
 * sender's key (`Idempotency-Key` or `webhook-id`: its retries repeat it), or
 * by its signature.
 *
 * The run sees `body` (the parsed JSON) and `headers` (lower-case names;
 * credentials and the signature left out), and so does `when`.
 */
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, TransientError } from '../core/errors.ts';
import { isSealedTriggerSecret, SEALED_TRIGGER_SECRET, sealedSecretOwner } from '../core/secret-references.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { Trigger } from '../definition/schema.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { startRun } from '../engine/start-run.ts';
import { evaluateCondition } from '../expression/index.ts';
import { takeDeliveryOnce, type DeliveryName, type DeliveryOutcome } from './webhook-replay-guard.ts';
import { senderDeliveryKey } from './webhook-sender-key.ts';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.ts';

export { WEBHOOK_SIGNATURE_HEADER, webhookSignature } from './webhook-signature.ts';

/** Headers never stored in a run's variables. */
const HIDDEN_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', WEBHOOK_SIGNATURE_HEADER]);

const ENV_REFERENCE = /^\s*\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/;

export interface WebhookDelivery {
  workflowId: string;
  /** The body exactly as received: the signature is over these bytes. */
  rawBody: string;
  /** The parsed JSON body (null for an empty body). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export type WebhookResult = DeliveryOutcome;

type WebhookTrigger = Extract<Trigger, { type: 'webhook' }>;

/**
 * Takes one delivery: checks the signature, then the workflow's status, then
 * `when`; starts a run when all pass. A repeat of a delivery (the same
 * sender's key, or the same signature) answers `duplicate` with the first
 * delivery's run.
 *
 * @throws NotFoundError `workflow_not_found`; ConflictError `trigger_not_webhook`,
 *   `workflow_not_active`, `webhook_delivery_in_progress`; UnauthorizedError `signature_invalid`;
 *   InvalidInputError `idempotency_key_invalid`; UnprocessableError `idempotency_key_reused`;
 *   TransientError `webhook_secret_missing` when the secret's environment variable is not set.
 */
export async function receiveWorkflowWebhook(engine: EngineContext, delivery: WebhookDelivery, env: NodeJS.ProcessEnv = process.env): Promise<WebhookResult> {
  const workflow = await engine.store.getWorkflow(delivery.workflowId);
  if (!workflow) throw new NotFoundError('workflow_not_found', `no workflow "${delivery.workflowId}"; check the webhook URL`, { path: 'workflowId' });
  const version = workflow.activeVersion ?? (workflow.latestVersion > 0 ? workflow.latestVersion : null);
  const definition = version === null ? workflow.draft : await engine.definitions.get(workflow.id, version);
  if (definition === null) throw new ConflictError('workflow_not_active', `workflow "${workflow.id}" has no definition yet; apply it`, { path: 'workflowId' });
  const trigger = definition.trigger;
  if (trigger.type !== 'webhook') {
    throw new ConflictError('trigger_not_webhook', `workflow "${workflow.id}" is started by a ${trigger.type} trigger, not a webhook; give it \`trigger: {type: webhook}\``, { path: 'workflowId' });
  }
  const signature = trigger.secret === undefined ? undefined : await checkSignature(engine, trigger, workflow.id, delivery, env);
  if (workflow.status !== WorkflowStatus.active || version === null) {
    throw new ConflictError('workflow_not_active', `workflow "${workflow.id}" is ${workflow.status}; activate it to take webhook deliveries`, { path: 'workflowId' });
  }
  const take = async (): Promise<DeliveryOutcome> => {
    const variables = { body: delivery.body, headers: visibleHeaders(delivery.headers) };
    if (trigger.when !== undefined) {
      try {
        if (!(await evaluateCondition(trigger.when, variables, { timeoutMs: engine.expressionTimeoutMs }))) return { started: false, reason: 'condition_false', runId: null };
      } catch (error) {
        return { started: false, reason: `condition_error: ${error instanceof Error ? error.message : String(error)}`, runId: null };
      }
    }
    const run = await startRun(engine, { workflowId: workflow.id, version, input: variables, trigger: { type: 'webhook' } });
    return { started: true, runId: run.id };
  };
  // Each name is claimed in turn, the signature first: a replayed signed request is refused by its signature
  // whatever key it carries (the key is not signed), and a sender's retry, signed anew, by its key.
  const context = { keys: engine.store.idempotencyKeys, clock: engine.clock };
  return deliveryNames(delivery, signature).reduceRight<() => Promise<DeliveryOutcome>>((inner, name) => () => takeDeliveryOnce(context, { workflowId: workflow.id, name }, inner), take)();
}

/** What names the delivery: its signature when signed, and the sender's key when it gave one (its retries repeat it, though each is signed anew). */
function deliveryNames(delivery: WebhookDelivery, signature: string | undefined): DeliveryName[] {
  const sender = senderDeliveryKey(delivery.headers);
  return [
    ...(signature === undefined ? [] : [{ key: signature, fingerprint: signature, header: WEBHOOK_SIGNATURE_HEADER }]),
    ...(sender === undefined ? [] : [{ key: `${sender.header}:${sender.key}`, fingerprint: createHash('sha256').update(delivery.rawBody).digest('hex'), header: sender.header }]),
  ];
}

/** @returns the verified signature's digest, which names the delivery. */
async function checkSignature(engine: EngineContext, trigger: WebhookTrigger, workflowId: string, delivery: WebhookDelivery, env: NodeJS.ProcessEnv): Promise<string> {
  const secret = await resolveSecret(engine, trigger.secret ?? '', workflowId, env);
  const header = delivery.headers[WEBHOOK_SIGNATURE_HEADER];
  return verifyWebhookSignature({ rawBody: delivery.rawBody, header: Array.isArray(header) ? header[0] : header, secret, now: engine.clock.now() });
}

/** The secret itself: a literal, an `{{ env.NAME }}` variable, or the value sealed when the workflow was applied. */
async function resolveSecret(engine: EngineContext, secret: string, workflowId: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (isSealedTriggerSecret(secret)) {
    const value = (await engine.sealedValues?.(sealedSecretOwner(workflowId)))?.get(SEALED_TRIGGER_SECRET);
    if (value === undefined) {
      throw new TransientError('webhook_secret_missing', `workflow "${workflowId}" signs its webhook with a sealed secret that is not stored here; apply the workflow again with its secret`);
    }
    return value;
  }
  const name = ENV_REFERENCE.exec(secret)?.[1];
  if (name === undefined) return secret;
  const value = env[name];
  if (value === undefined || value === '') {
    throw new TransientError('webhook_secret_missing', `workflow "${workflowId}" signs its webhook with the environment variable ${name}, which is not set where the server runs; set it and retry`);
  }
  return value;
}

function visibleHeaders(headers: WebhookDelivery['headers']): Record<string, string> {
  const visible: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || HIDDEN_HEADERS.has(key)) continue;
    visible[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return visible;
}
