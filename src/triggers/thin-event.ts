/**
 * Stripe's "thin" events, as event destinations send them with a thin payload:
 * a signed body with only the event's id, type and a reference to the object
 * it is about, `{"object": "v2.core.event", "type": "v1.payment_intent.succeeded",
 * "created": "<ISO time>", "context": "acct_…" (a connected account's),
 * "related_object": {"id", "type", "url"}}`. The object is fetched from Stripe
 * at receipt, and the event is taken in as the v1 event a snapshot payload
 * would have carried (same id, type without `v1.`), so matching, dedupe and
 * runs are the snapshot path's. Only v1 resources' events can be: a v2
 * resource's event has no v1 shape.
 */
import { InvalidInputError, TollgateError, TransientError, UnprocessableError } from '../core/errors.ts';
import type { VerifiedEvent } from './stripe-signature.ts';

/** The `object` of a thin event's body (a snapshot event's is `event`). */
export const THIN_EVENT_OBJECT = 'v2.core.event';

/** How a thin event arrived, as its stored `source` says: by webhook, its object fetched from Stripe at receipt. */
export const THIN_EVENT_SOURCE = 'webhook_thin';

/** Asked of Stripe when a fetch failed without saying when to try again (Stripe's own delivery schedule decides in the end). */
export const THIN_FETCH_RETRY_AFTER_MS = 60_000;

/** The object a thin event is about, as Stripe names it. */
export interface RelatedObject {
  id: string;
  /** Stripe's object type, e.g. `payment_intent`. */
  type: string;
  /** The API path that retrieves it, e.g. `/v1/payment_intents/pi_123`. */
  url: string;
}

export interface ThinEvent {
  id: string;
  /** The v1 event type, without Stripe's `v1.` prefix: `payment_intent.succeeded`. */
  type: string;
  /** Unix seconds (the body gives an ISO time). */
  created: number;
  livemode: boolean;
  /** The connected account the event is from (`context`); null for the platform's own. */
  account: string | null;
  relatedObject: RelatedObject;
  reason: unknown;
  /**
   * The v1 snapshot event of the same change (`snapshot_event`), when Stripe made one: the id the event is taken in
   * under, so its snapshot delivery, or its recovery from the Events API, is a duplicate and starts nothing twice.
   */
  snapshotEvent: string | null;
}

/** What the intake asks to fetch a thin event's related object: the object, or a TransientError or PermanentError. */
export interface RelatedObjectRequest {
  connectorId: string;
  url: string;
  /** Fetch as this connected account (`Stripe-Account`); null: as the platform. */
  account: string | null;
  eventId: string;
}

export type FetchRelatedObject = (request: RelatedObjectRequest) => Promise<unknown>;

/** The v1 event a thin event is taken in as. */
export interface ThinEventSnapshot extends VerifiedEvent {
  object: 'event';
  related_object: RelatedObject;
  reason: unknown;
  /** The thin event's own id (the event is taken in under its snapshot event's id when it names one). */
  thin_event: string;
}

const V1_PREFIX = 'v1.';
/** A v1 API path, as Stripe gives `related_object.url`: no host, no query, no `.` or `..` segment to leave /v1/ by. */
const V1_PATH = /^\/v1(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+$/;

/**
 * Reads a verified thin event body.
 * @throws InvalidInputError `thin_event_invalid` at the field that is wrong (`type` for a v2 resource's event, `related_object` when it is missing)
 */
export function readThinEvent(body: Readonly<Record<string, unknown>>): ThinEvent {
  const id = body.id;
  if (typeof id !== 'string' || id === '') throw invalid('id', `a thin event needs its id (evt_…), got ${shown(id)}`);
  const type = body.type;
  if (typeof type !== 'string' || type === '') throw invalid('type', `thin event ${id} has no type`);
  if (!type.startsWith(V1_PREFIX) || type.length === V1_PREFIX.length) {
    throw invalid('type', `thin event ${id} is of type "${type}", an event of a v2 resource: Tollgate takes in events of v1 resources (v1.payment_intent.succeeded, …); send only v1 event types to this destination`);
  }
  const created = typeof body.created === 'string' ? Date.parse(body.created) : Number.NaN;
  if (Number.isNaN(created)) throw invalid('created', `thin event ${id} needs \`created\` as an ISO time, got ${shown(body.created)}`);
  if (typeof body.livemode !== 'boolean') throw invalid('livemode', `thin event ${id} needs \`livemode\` true or false, got ${shown(body.livemode)}`);
  const context = body.context;
  if (context !== undefined && context !== null && (typeof context !== 'string' || context === '')) {
    throw invalid('context', `thin event ${id} has a \`context\` that is not an account id: ${shown(context)}`);
  }
  const snapshotEvent = body.snapshot_event;
  if (snapshotEvent !== undefined && snapshotEvent !== null && (typeof snapshotEvent !== 'string' || !snapshotEvent.startsWith('evt_'))) {
    throw invalid('snapshot_event', `thin event ${id} has a \`snapshot_event\` that is not an event id (evt_…): ${shown(snapshotEvent)}`);
  }
  return {
    id,
    type: type.slice(V1_PREFIX.length),
    created: Math.floor(created / 1000),
    livemode: body.livemode,
    account: context ?? null,
    relatedObject: readRelatedObject(id, body.related_object),
    reason: body.reason ?? null,
    snapshotEvent: snapshotEvent ?? null,
  };
}

function readRelatedObject(eventId: string, value: unknown): RelatedObject {
  if (value === undefined || value === null) {
    throw invalid('related_object', `thin event ${eventId} has no related_object, so there is no object to fetch; Tollgate takes in thin events about a v1 object only`);
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('related_object', `thin event ${eventId}: related_object must be {id, type, url}, got ${shown(value)}`);
  const { id, type, url } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw invalid('related_object.id', `thin event ${eventId}: related_object.id must be the object's id, got ${shown(id)}`);
  if (typeof type !== 'string' || type === '') throw invalid('related_object.type', `thin event ${eventId}: related_object.type must be the object's type, got ${shown(type)}`);
  if (typeof url !== 'string' || !V1_PATH.test(url)) {
    throw invalid('related_object.url', `thin event ${eventId}: related_object.url must be a v1 API path such as /v1/payment_intents/pi_123, got ${shown(url)}`);
  }
  return { id, type, url };
}

/** The id a thin event is taken in under: its snapshot event's when it names one, so both deliveries are one event. */
export function intakeIdOf(thin: ThinEvent): string {
  return thin.snapshotEvent ?? thin.id;
}

/** The v1 event a snapshot payload would have carried, with the object as fetched now. */
export function snapshotOfThinEvent(thin: ThinEvent, object: unknown): ThinEventSnapshot {
  return {
    id: intakeIdOf(thin),
    object: 'event',
    type: thin.type,
    created: thin.created,
    livemode: thin.livemode,
    ...(thin.account === null ? {} : { account: thin.account }),
    data: { object },
    related_object: thin.relatedObject,
    reason: thin.reason,
    thin_event: thin.id,
  };
}

/**
 * Fetches the thin event's object; a failure becomes the answer Stripe should get.
 * @throws TransientError `thin_event_fetch_failed` (503 with Retry-After: Stripe delivers again) for a network error, 5xx or 429,
 *   or Stripe refusing the connector's key (401);
 *   UnprocessableError `thin_event_object_unavailable` at `related_object` when Stripe refused it for good (404, 403)
 */
export async function fetchThinEventObject(fetch: FetchRelatedObject, connectorId: string, thin: ThinEvent): Promise<unknown> {
  const { relatedObject: related } = thin;
  try {
    return await fetch({ connectorId, url: related.url, account: thin.account, eventId: thin.id });
  } catch (error) {
    if (!(error instanceof TollgateError)) throw error;
    const what = `${related.type} ${related.id} (GET ${related.url}${thin.account === null ? '' : ` as ${thin.account}`}) of thin event ${thin.id}`;
    const details = { related_object: related.id, status: error.details?.status ?? null, stripe_code: error.code };
    // Stripe's own words where it gave some (the mapped message speaks of a step's retries).
    const said = typeof error.details?.message === 'string' ? error.details.message : error.message;
    // Stripe refusing Tollgate's own key (401) says nothing of the object: once the connector's key is fixed, the
    // event Stripe delivers again is taken in, so it is answered as a failure for now.
    if (error instanceof TransientError || error.details?.status === 401) {
      throw new TransientError('thin_event_fetch_failed', `could not fetch ${what} from Stripe now: ${said}. Nothing was stored; Stripe delivers the event again`, {
        cause: error,
        details,
        retryAfterMs: (error instanceof TransientError ? error.retryAfterMs : undefined) ?? THIN_FETCH_RETRY_AFTER_MS,
      });
    }
    throw new UnprocessableError('thin_event_object_unavailable', `Stripe refused ${what}: ${said}. Nothing was stored`, { path: 'related_object', cause: error, details });
  }
}

function invalid(path: string, message: string): InvalidInputError {
  return new InvalidInputError('thin_event_invalid', message, [], { path });
}

function shown(value: unknown): string {
  // JSON.stringify gives undefined only for undefined, a function or a symbol: none is in a parsed body.
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? typeof value).slice(0, 100);
}
