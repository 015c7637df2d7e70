/**
 * The generic inbound webhook trigger: a workflow with
 * `trigger: {type: webhook, secret?, when?}` starts a run for each JSON body
 * POSTed to its URL.
 *
 * Signature: when the trigger has a `secret`, the sender signs the raw body
 * with HMAC-SHA256 under that secret and sends the hex digest as
 * `X-Tollgate-Signature: sha256=<hex>`. A `{{ env.NAME }}` secret is read from
 * the environment at request time. A missing or wrong signature starts nothing.
 *
 * The run sees `body` (the parsed JSON) and `headers` (lower-case names;
 * credentials and the signature left out), and so does `when`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConflictError, NotFoundError, TransientError, UnauthorizedError } from '../core/errors.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { Trigger } from '../definition/schema.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { startRun } from '../engine/start-run.ts';
import { evaluateCondition } from '../expression/index.ts';
import type { RunRecord } from '../store/records.ts';

/** The header that carries the signature: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-tollgate-signature';

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

export type WebhookResult = { started: true; run: RunRecord } | { started: false; reason: string };

type WebhookTrigger = Extract<Trigger, { type: 'webhook' }>;

/**
 * Takes one delivery: checks the signature, then the workflow's status, then
 * `when`; starts a run when all pass.
 *
 * @throws NotFoundError `workflow_not_found`; ConflictError `trigger_not_webhook`,
 *   `workflow_not_active`; UnauthorizedError `signature_invalid`; TransientError
 *   `webhook_secret_missing` when the secret's environment variable is not set.
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
  if (trigger.secret !== undefined) checkSignature(trigger, workflow.id, delivery, env);
  if (workflow.status !== WorkflowStatus.active || version === null) {
    throw new ConflictError('workflow_not_active', `workflow "${workflow.id}" is ${workflow.status}; activate it to take webhook deliveries`, { path: 'workflowId' });
  }
  const variables = { body: delivery.body, headers: visibleHeaders(delivery.headers) };
  if (trigger.when !== undefined) {
    try {
      if (!(await evaluateCondition(trigger.when, variables, { timeoutMs: engine.expressionTimeoutMs }))) return { started: false, reason: 'condition_false' };
    } catch (error) {
      return { started: false, reason: `condition_error: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  const run = await startRun(engine, { workflowId: workflow.id, version, input: variables, trigger: { type: 'webhook' } });
  return { started: true, run };
}

/** `sha256=<hex>` of the body under `secret`: what a sender puts in X-Tollgate-Signature. */
export function webhookSignature(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

function checkSignature(trigger: WebhookTrigger, workflowId: string, delivery: WebhookDelivery, env: NodeJS.ProcessEnv): void {
  const secret = resolveSecret(trigger.secret ?? '', workflowId, env);
  const header = delivery.headers[WEBHOOK_SIGNATURE_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  const refuse = (reason: string): never => {
    throw new UnauthorizedError(
      'signature_invalid',
      `webhook signature check failed: ${reason}. Send X-Tollgate-Signature: sha256=<hex HMAC-SHA256 of the raw body under the trigger's secret>`,
      { path: 'X-Tollgate-Signature' },
    );
  };
  if (given === undefined || given.trim() === '') return refuse('the X-Tollgate-Signature header is missing');
  const expected = Buffer.from(webhookSignature(delivery.rawBody, secret), 'utf8');
  const actual = Buffer.from(given.trim().toLowerCase(), 'utf8');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) refuse('the signature does not match the body');
}

function resolveSecret(secret: string, workflowId: string, env: NodeJS.ProcessEnv): string {
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
