/**
 * The `Idempotency-Key` header, with Stripe's semantics, for routes declared
 * `idempotent` (api-route.ts): POSTs that start work or decide something.
 *
 * - The key is claimed durably (idempotency-store.ts) after the request was
 *   authenticated and its parts validated, and before the route does any
 *   work. A request refused before that (bad header, credentials, body)
 *   leaves the key free: nothing was done.
 * - The route's answer, a success or a coded 4xx error, is saved and sent.
 *   A repeat with the same call (method, route, parameters, body) gets that
 *   answer again, with `Idempotent-Replayed: true`; another call with the key
 *   gets 422 `idempotency_key_reused`.
 * - While the first call runs, a repeat gets 409 `idempotency_key_in_use`.
 * - Money first: when it is not known whether the call took effect (it ended
 *   in a 5xx, or its process died before the answer was saved and the grace
 *   time is over), the key is never run again: 409
 *   `idempotency_key_outcome_unknown` tells the client to look before using
 *   a new key.
 *
 * Keys belong to the caller (their user; one shared scope while
 * authentication is off and no credentials are sent) and are kept 24 hours.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { definitionHash } from '../application/definition-hash.ts';
import type { Clock } from '../core/clock.ts';
import { ConflictError, UnprocessableError } from '../core/errors.ts';
import { checkedIdempotencyKey } from '../core/idempotency-key.ts';
import { IdempotencyState, type IdempotencyRecord, type IdempotencyStore, type SavedAnswer } from '../store/idempotency-store.ts';
import { isEmptyBody } from './empty-body.ts';
import { errorResponse } from './error-handler.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a key and its answer are kept (Stripe keeps them at least 24 hours). */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;
/** How long a call may run before a repeat takes it for one whose process died. */
export const IDEMPOTENCY_IN_FLIGHT_MS = 60_000;
/** The shared scope of calls without credentials (authentication off). */
const ANONYMOUS_SCOPE = 'anonymous';

export interface IdempotencyContext {
  keys: IdempotencyStore;
  clock: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by `installIdempotency`; routes declared `idempotent` need it. */
    idempotency: IdempotencyContext | undefined;
  }
}

/** Installs the keys' store on `server`: call once, before the routes are registered. */
export function installIdempotency(server: FastifyInstance, context: IdempotencyContext): void {
  server.decorate('idempotency', context);
}

/** What an idempotent route's call is: the parts its fingerprint is made of. */
export interface IdempotentCall {
  /** The route pattern, e.g. `/api/v1/runs/:id/retry`. */
  route: string;
  /** Produces the route's answer; runs at most once per key. */
  produce: () => Promise<SavedAnswer>;
}

/**
 * Answers `call` under the request's `Idempotency-Key`, or runs it plainly
 * when the request sends none.
 * @throws InvalidInputError `idempotency_key_invalid`; UnprocessableError `idempotency_key_reused`;
 *   ConflictError `idempotency_key_in_use`, `idempotency_key_outcome_unknown`; and whatever the call throws.
 */
export async function sendIdempotently(request: FastifyRequest, reply: FastifyReply, call: IdempotentCall): Promise<FastifyReply> {
  const context = request.server.idempotency;
  if (context === undefined) throw new Error(`route ${call.route} is idempotent but the server has no idempotency store; call installIdempotency first`);
  const key = idempotencyKeyOf(request);
  if (key === undefined) return send(reply, await call.produce());
  const scope = request.caller === undefined ? ANONYMOUS_SCOPE : `user:${request.caller.user.id}`;
  // An empty body and none are the same call (api-route.ts accepts both where a route takes no body).
  const body = isEmptyBody(request.body) ? undefined : request.body;
  const fingerprint = definitionHash({ method: request.method, route: call.route, params: request.params, query: request.query, body });
  const claim = await context.keys.claim({ scope, key, fingerprint, method: request.method, route: call.route, now: context.clock.now(), keepForMs: IDEMPOTENCY_KEEP_MS });
  if (claim.kind === 'existing') return replay(reply, claim.record, { key, fingerprint, now: context.clock.now() });
  const answer = await produceOnce(request, call, { context, scope, key });
  return send(reply, answer);
}

async function produceOnce(request: FastifyRequest, call: IdempotentCall, claimed: { context: IdempotencyContext; scope: string; key: string }): Promise<SavedAnswer> {
  const { context, scope, key } = claimed;
  let answer: SavedAnswer;
  try {
    answer = await call.produce();
  } catch (error) {
    const response = errorResponse(error, request.id);
    // A coded refusal is the call's answer; a server error leaves unknown what was done.
    const saved =
      response.statusCode < 500
        ? context.keys.saveAnswer({ scope, key, answer: { status: response.statusCode, contentType: 'application/json', body: JSON.stringify(response.body) }, now: context.clock.now() })
        : context.keys.markUnknown({ scope, key, now: context.clock.now() });
    // If this write fails too, the key stays claimed and turns into "outcome unknown": still never run twice.
    await saved.catch((saveError: unknown) => request.log.error({ err: saveError, key }, 'idempotency answer not saved; the key now answers idempotency_key_outcome_unknown'));
    throw error;
  }
  // The work is done: the client gets its answer even if saving it fails (a repeat then hears "outcome unknown").
  await context.keys
    .saveAnswer({ scope, key, answer, now: context.clock.now() })
    .catch((saveError: unknown) => request.log.error({ err: saveError, key }, 'idempotency answer not saved; the key now answers idempotency_key_outcome_unknown'));
  return answer;
}

function replay(reply: FastifyReply, record: IdempotencyRecord, call: { key: string; fingerprint: string; now: Date }): FastifyReply {
  if (record.fingerprint !== call.fingerprint) {
    throw new UnprocessableError(
      'idempotency_key_reused',
      `the Idempotency-Key "${call.key}" was first used at ${record.createdAt.toISOString()} for ${record.method} ${record.route} with other parameters or body; send a new key for a different call`,
      { path: `headers.${IDEMPOTENCY_HEADER}` },
    );
  }
  switch (record.state) {
    case IdempotencyState.answered:
      if (record.answer === null) throw outcomeUnknown(call.key, record);
      reply.header(REPLAYED_HEADER, 'true');
      return send(reply, record.answer);
    case IdempotencyState.inFlight:
      if (call.now.getTime() - record.createdAt.getTime() < IDEMPOTENCY_IN_FLIGHT_MS) {
        throw new ConflictError(
          'idempotency_key_in_use',
          `a call with the Idempotency-Key "${call.key}" began at ${record.createdAt.toISOString()} and is still running; retry in a moment to get its answer`,
          { path: `headers.${IDEMPOTENCY_HEADER}` },
        );
      }
      throw outcomeUnknown(call.key, record);
    case IdempotencyState.unknown:
      throw outcomeUnknown(call.key, record);
    default: {
      const _: never = record.state;
      throw new Error(`unknown idempotency state ${String(_)}`);
    }
  }
}

function outcomeUnknown(key: string, record: IdempotencyRecord): ConflictError {
  return new ConflictError(
    'idempotency_key_outcome_unknown',
    `a call with the Idempotency-Key "${key}" began at ${record.createdAt.toISOString()} but its answer was never recorded (the server failed or stopped mid-call), so it may or may not have taken effect; ` +
      'it will not be run again under this key. Check what it did (e.g. GET /api/v1/runs) before retrying with a new key.',
    { path: `headers.${IDEMPOTENCY_HEADER}` },
  );
}

function send(reply: FastifyReply, answer: SavedAnswer): FastifyReply {
  return reply.code(answer.status).type(answer.contentType).send(answer.body);
}

/**
 * The request's key, or undefined when it sends none.
 * @throws InvalidInputError `idempotency_key_invalid` for a repeated, empty, too long or unprintable key.
 */
function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  return value === undefined ? undefined : checkedIdempotencyKey(value, IDEMPOTENCY_HEADER);
}
