import type { Clock } from '../core/clock.ts';
import type { StripeEvent, WebhookEndpoint } from './stripe-objects.ts';
import { thinEventPayload } from './thin-event-payload.ts';
import { postWebhook } from './webhook-http-client.ts';
import { signWebhookPayload } from './webhook-signature.ts';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event sent to one endpoint, with every attempt counted. */
export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  endpointId: string;
  /** The URL of the last attempt (the endpoint's URL when queued). */
  url: string;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt; null when it got no answer. */
  lastStatus: number | null;
  lastError: string | null;
  /** When the delivery was queued, unix seconds. */
  created: number;
}

export interface WebhookDeliveryOptions {
  clock: Clock;
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  /** The endpoint as it is now: its URL and secret may have changed since the event was queued. */
  endpoint(id: string): WebhookEndpoint | undefined;
  /** The stored event, sent as the payload. */
  event(id: string): StripeEvent | undefined;
  /** Called when an event reached one of its endpoints, before `changed` (Stripe counts down the event's `pending_webhooks`). */
  delivered?(eventId: string): void;
  /** Called after a delivery settles (succeeded, failed, cancelled), so the queue can be saved. */
  changed(): void;
  /** Queue deliveries without sending them until `release()`: the receiver is not listening yet. */
  held?: boolean;
}

/** Settled deliveries kept (in memory and in the state file) for `status`; pending ones are never dropped. */
export const MAX_SETTLED_DELIVERIES = 1000;

/**
 * Sends events to webhook endpoints in the background, signed like Stripe
 * (the whole event, or for an endpoint with `event_payload: thin` the thin event),
 * retrying non-2xx answers and network errors with backoff. The records are
 * the queue: saved with the sandbox state, a pending record restored after a
 * restart is sent again.
 */
export class WebhookDelivery {
  readonly #options: WebhookDeliveryOptions;
  readonly #records: DeliveryRecord[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  #stopped = false;
  #held: boolean;
  #waiters: Array<() => void> = [];

  constructor(options: WebhookDeliveryOptions) {
    this.#options = options;
    this.#held = options.held ?? false;
  }

  get records(): readonly DeliveryRecord[] {
    return this.#records;
  }

  /** Takes over records saved by an earlier process; the pending ones are sent again (once released). */
  restore(records: readonly DeliveryRecord[]): void {
    for (const record of records) {
      this.#records.push(record);
      if (record.status === 'pending' && !this.#held) this.#schedule(record, 0);
    }
  }

  /** Queues an event for the endpoints; the first attempt starts on a later turn of the event loop. */
  enqueue(event: StripeEvent, endpoints: readonly WebhookEndpoint[]): void {
    if (this.#stopped) return;
    const created = Math.floor(this.#options.clock.now().getTime() / 1000);
    for (const endpoint of endpoints) {
      const record: DeliveryRecord = { eventId: event.id, eventType: event.type, endpointId: endpoint.id, url: endpoint.url, status: 'pending', attempts: 0, lastStatus: null, lastError: null, created };
      this.#records.push(record);
      if (!this.#held) this.#schedule(record, 0);
    }
  }

  /** Starts sending what was queued while held. */
  release(): void {
    if (!this.#held || this.#stopped) return;
    this.#held = false;
    for (const record of this.#records) {
      if (record.status === 'pending') this.#schedule(record, 0);
    }
  }

  /** Resolves once no delivery is pending (immediately when none is). */
  idle(): Promise<void> {
    if (!this.#records.some((record) => record.status === 'pending')) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Cancels pending retries and in-flight requests. The records stay pending
   * (nothing is saved any more), so a saved queue resumes at the next start.
   */
  stop(): void {
    this.#stopped = true;
    for (const controller of this.#inFlight) controller.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#wake();
  }

  #schedule(record: DeliveryRecord, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#attempt(record);
    }, delayMs);
    this.#timers.add(timer);
  }

  async #attempt(record: DeliveryRecord): Promise<void> {
    const endpoint = this.#options.endpoint(record.endpointId);
    const event = this.#options.event(record.eventId);
    if (endpoint === undefined || endpoint.status !== 'enabled' || event === undefined) {
      record.lastError = endpoint === undefined ? 'the endpoint was deleted' : event === undefined ? 'the event is no longer stored' : 'the endpoint is disabled';
      return this.#settle(record, 'cancelled');
    }
    record.attempts += 1;
    record.url = endpoint.url;
    // As the endpoint is now: one switched to thin payloads sends its pending retries thin too.
    const body = JSON.stringify(endpoint.event_payload === 'thin' ? thinEventPayload(event) : event, null, 2);
    const timestamp = Math.floor(this.#options.clock.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': signWebhookPayload({ payload: body, secret: endpoint.secret, timestamp }),
    };
    const controller = new AbortController();
    this.#inFlight.add(controller);
    try {
      record.lastStatus = await postWebhook({ url: endpoint.url, body, headers, timeoutMs: this.#options.timeoutMs, signal: controller.signal });
      record.lastError = record.lastStatus >= 200 && record.lastStatus < 300 ? null : `endpoint answered ${record.lastStatus}`;
    } catch (error) {
      record.lastStatus = null;
      record.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.#inFlight.delete(controller);
    }
    if (this.#stopped || record.status !== 'pending') return;
    if (record.lastError === null) return this.#settle(record, 'succeeded');
    const delay = this.#options.retryDelaysMs[record.attempts - 1];
    if (delay === undefined) return this.#settle(record, 'failed');
    this.#schedule(record, delay);
  }

  #settle(record: DeliveryRecord, status: DeliveryStatus): void {
    if (this.#stopped) return;
    record.status = status;
    if (status === 'succeeded') this.#options.delivered?.(record.eventId);
    this.#forgetOldSettled();
    this.#options.changed();
    this.#wake();
  }

  /** Keeps the queue (and the state file rewritten on each change) from growing with every event ever sent. */
  #forgetOldSettled(): void {
    let excess = this.#records.filter((record) => record.status !== 'pending').length - MAX_SETTLED_DELIVERIES;
    for (let index = 0; excess > 0 && index < this.#records.length; ) {
      if (this.#records[index]?.status === 'pending') {
        index += 1;
      } else {
        this.#records.splice(index, 1);
        excess -= 1;
      }
    }
  }

  #wake(): void {
    if (!this.#stopped && this.#records.some((record) => record.status === 'pending')) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
