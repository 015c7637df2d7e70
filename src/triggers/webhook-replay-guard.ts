/**
 * Takes each named webhook delivery once. The sender's key names it
 * (webhook-sender-key.ts), or else its signature (over the timestamp and
 * the body): the first delivery claims that name durably in the
 * `idempotency_keys` table before a run starts, and a repeat (a sender's
 * retry, or a replayed signed request within the signature's tolerance) is
 * answered with the first delivery's run instead of starting another.
 */
import type { Clock } from '../core/clock.ts';
import { ConflictError, UnprocessableError } from '../core/errors.ts';
import { IdempotencyState, type IdempotencyStore } from '../store/idempotency-store.ts';
import { WEBHOOK_TOLERANCE_SECONDS } from './webhook-signature.ts';

/** What a delivery led to; `runId` is null when no run started. */
export type DeliveryOutcome = { started: true; runId: string } | { started: false; reason: string; runId: string | null };

const ROUTE = '/webhooks/workflows/:workflowId';
/**
 * How long a claim is kept: past the tolerance either way (then the signature is stale anyway), and no
 * shorter than the API's Idempotency-Key rows (24 hours), since each claim purges the whole table's older rows.
 */
const KEEP_MS = Math.max(2 * WEBHOOK_TOLERANCE_SECONDS * 1000, 24 * 60 * 60 * 1000);

/** What names a delivery: the sender's key, or its signature; the claim keeps `fingerprint` (what the body was) and errors point at `header`. */
export interface DeliveryName {
  key: string;
  fingerprint: string;
  header: string;
}

/**
 * Runs `take` for the delivery `name` names unless it was taken already.
 * A failure frees the claim, so the sender's retry is taken.
 * @throws ConflictError `webhook_delivery_in_progress` while the same delivery is being taken;
 *   UnprocessableError `idempotency_key_reused` when the key came with another body.
 */
export async function takeDeliveryOnce(
  context: { keys: IdempotencyStore; clock: Clock },
  delivery: { workflowId: string; name: DeliveryName },
  take: () => Promise<DeliveryOutcome>,
): Promise<DeliveryOutcome> {
  const scope = `webhook:${delivery.workflowId}`;
  const { key, fingerprint, header } = delivery.name;
  const claim = await context.keys.claim({ scope, key, fingerprint, method: 'POST', route: ROUTE, now: context.clock.now(), keepForMs: KEEP_MS });
  if (claim.kind === 'existing') {
    if (claim.record.fingerprint !== fingerprint) {
      throw new UnprocessableError('idempotency_key_reused', `the ${header} "${key}" was first sent to workflow "${delivery.workflowId}" with another body; send a new key for a new delivery`, { path: `headers.${header}` });
    }
    if (claim.record.state === IdempotencyState.answered && claim.record.answer !== null) {
      return { started: false, reason: 'duplicate', runId: firstRunId(claim.record.answer.body) };
    }
    throw new ConflictError('webhook_delivery_in_progress', `this delivery to workflow "${delivery.workflowId}" is being taken by an earlier request with the same ${header}; retry in a few seconds`, { path: `headers.${header}` });
  }
  let outcome: DeliveryOutcome;
  try {
    outcome = await take();
  } catch (error) {
    await context.keys.release({ scope, key });
    throw error;
  }
  await context.keys.saveAnswer({ scope, key, answer: { status: 200, contentType: 'application/json', body: JSON.stringify({ run_id: outcome.runId }) }, now: context.clock.now() });
  return outcome;
}

function firstRunId(body: string): string | null {
  const parsed: unknown = JSON.parse(body);
  const runId = typeof parsed === 'object' && parsed !== null && 'run_id' in parsed ? parsed.run_id : null;
  return typeof runId === 'string' ? runId : null;
}
