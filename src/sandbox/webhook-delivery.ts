import type { Clock } from '../core/clock.ts';
import type { StripeEvent, WebhookEndpoint } from './stripe-objects.ts';
import { postWebhook } from './webhook-http-client.ts';
import { signWebhookPayload } from './webhook-signature.ts';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event sent to one endpoint, with every attempt counted. */
export interface DeliveryRecord {
  eventId: string;
  eventType: string;
  endpointId: string;
  url: string;
  status: DeliveryStatus;
  attempts: number;
  /** HTTP status of the last attempt; null when it got no answer. */
  lastStatus: number | null;
  lastError: string | null;
}

export interface WebhookDeliveryOptions {
  clock: Clock;
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

/**
 * Sends events to webhook endpoints in the background, signed like Stripe,
 * retrying non-2xx answers and network errors with backoff.
 */
export class WebhookDelivery {
  readonly #options: WebhookDeliveryOptions;
  readonly #records: DeliveryRecord[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  #stopped = false;
  #pending = 0;
  #waiters: Array<() => void> = [];

  constructor(options: WebhookDeliveryOptions) {
    this.#options = options;
  }

  get records(): readonly DeliveryRecord[] {
    return this.#records;
  }

  /** Queues an event for the endpoints; the first attempt starts on a later turn of the event loop. */
  enqueue(event: StripeEvent, endpoints: readonly WebhookEndpoint[]): void {
    if (this.#stopped) return;
    const body = JSON.stringify(event, null, 2);
    for (const endpoint of endpoints) {
      const record: DeliveryRecord = { eventId: event.id, eventType: event.type, endpointId: endpoint.id, url: endpoint.url, status: 'pending', attempts: 0, lastStatus: null, lastError: null };
      this.#records.push(record);
      this.#pending += 1;
      this.#schedule(record, endpoint.secret, body, 0);
    }
  }

  /** Resolves once no delivery is pending (immediately when none is). */
  idle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Cancels pending retries and in-flight requests. */
  stop(): void {
    this.#stopped = true;
    for (const controller of this.#inFlight) controller.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const record of this.#records) {
      if (record.status === 'pending') this.#settle(record, 'cancelled');
    }
  }

  #schedule(record: DeliveryRecord, secret: string, body: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#attempt(record, secret, body);
    }, delayMs);
    this.#timers.add(timer);
  }

  async #attempt(record: DeliveryRecord, secret: string, body: string): Promise<void> {
    record.attempts += 1;
    const timestamp = Math.floor(this.#options.clock.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': signWebhookPayload({ payload: body, secret, timestamp }),
    };
    const controller = new AbortController();
    this.#inFlight.add(controller);
    try {
      record.lastStatus = await postWebhook({ url: record.url, body, headers, timeoutMs: this.#options.timeoutMs, signal: controller.signal });
      record.lastError = record.lastStatus >= 200 && record.lastStatus < 300 ? null : `endpoint answered ${record.lastStatus}`;
    } catch (error) {
      record.lastStatus = null;
      record.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.#inFlight.delete(controller);
    }
    if (record.status !== 'pending') return;
    if (record.lastError === null) return this.#settle(record, 'succeeded');
    const delay = this.#options.retryDelaysMs[record.attempts - 1];
    if (delay === undefined) return this.#settle(record, 'failed');
    this.#schedule(record, secret, body, delay);
  }

  #settle(record: DeliveryRecord, status: DeliveryStatus): void {
    record.status = status;
    this.#pending -= 1;
    if (this.#pending > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
