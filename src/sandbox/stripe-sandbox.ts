import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../core/clock.ts';
import { handleApiRequest, type ApiHandlerDeps, type RecordedRequest } from './api-request-handler.ts';
import { MAX_BODY_BYTES, readBody, send } from './http-io.ts';
import { triggerEvent, type TriggerOptions } from './event-trigger.ts';
import { takeFault, type Fault, type QueuedFault } from './fault-injection.ts';
import { endpointWants, SANDBOX_API_VERSION, type OperationContext } from './operation-context.ts';
import { eventFromDocument } from './event-document.ts';
import { upsertWebhookEndpoint, type EndpointInput } from './resources/webhook-endpoints.ts';
import { handleControlRequest, type SandboxControl } from './sandbox-control-routes.ts';
import { invalidRequest } from './sandbox-errors.ts';
import { sandboxStatus, type SandboxStatus } from './sandbox-status.ts';
import { countObjects, createState, findObject, loadState, saveState, type SandboxState } from './sandbox-state.ts';
import type { StripeEvent, StripeObject, WebhookEndpoint } from './stripe-objects.ts';
import { WebhookDelivery, type DeliveryRecord } from './webhook-delivery.ts';

export interface StripeSandboxOptions {
  clock?: Clock;
  /** JSON file that keeps the state across restarts: loaded by `start()`, rewritten after each change. */
  stateFile?: string;
  /** Waits before each webhook retry; default 0.5 s, 2 s, 5 s (three retries). */
  webhookRetryDelaysMs?: readonly number[];
  /** Default 10 s. */
  webhookTimeoutMs?: number;
  /** How many recent requests `requests` keeps; default 1000. */
  maxRecordedRequests?: number;
  /** `api_version` of events when a request sends no `Stripe-Version`. */
  apiVersion?: string;
  /**
   * Queue webhook deliveries (saved ones and new ones) without sending them
   * until `releaseDeliveries()`, e.g. until the receiving server listens.
   */
  holdDeliveries?: boolean;
  /**
   * The event types `trigger` accepts, with the message for another type
   * (e.g. a did-you-mean); by default any well-formed type.
   */
  eventTypes?: { known: readonly string[]; unknown(type: string): string };
}

export interface SandboxAddress {
  url: string;
  port: number;
}

/**
 * An HTTP server that speaks Stripe's v1 wire protocol, so the official SDK
 * works against it unchanged:
 *
 * ```ts
 * const sandbox = new StripeSandbox();
 * const { port } = await sandbox.start();
 * const stripe = new Stripe('sk_test_sandbox', { host: '127.0.0.1', port, protocol: 'http' });
 * ```
 */
export class StripeSandbox implements SandboxControl {
  readonly #options: StripeSandboxOptions;
  readonly #clock: Clock;
  #state: SandboxState = createState();
  #server: Server | null = null;
  #url: string | null = null;
  #delivery: WebhookDelivery;
  #faults: QueuedFault[] = [];
  #requests: RecordedRequest[] = [];

  constructor(options: StripeSandboxOptions = {}) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#delivery = this.#newDelivery();
  }

  /** Loads the state file (if any) and listens; port 0 (the default) picks a free port. */
  async start(options: { port?: number; host?: string } = {}): Promise<SandboxAddress> {
    if (this.#server !== null) throw new Error(`The Stripe sandbox is already running at ${this.url}.`);
    const saved = this.#options.stateFile === undefined ? undefined : loadState(this.#options.stateFile);
    if (saved !== undefined) this.#state = saved.state;
    const host = options.host ?? '127.0.0.1';
    const server = createServer((req, res) => {
      this.#onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { type: 'api_error', message: String(error) } }) });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    this.#server = server;
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (saved !== undefined) this.#delivery.restore(saved.deliveries);
    return { url: this.#url, port };
  }

  /**
   * Stops listening, closes every connection (hung ones too) and stops pending
   * webhook deliveries; with a state file, they resume at the next start.
   */
  async stop(): Promise<void> {
    const server = this.#server;
    if (server === null) return;
    this.#server = null;
    this.#url = null;
    this.#delivery.stop();
    this.#delivery = this.#newDelivery();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  get url(): string {
    if (this.#url === null) throw new Error('The Stripe sandbox is not running: call start() first.');
    return this.#url;
  }

  /** Every API request received (most recent last), with its answer's status. */
  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  clearRequests(): void {
    this.#requests = [];
  }

  /** Makes the next `count` matching API requests fail: an error status, or no answer at all. */
  failNext(count: number, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`failNext needs a positive integer count, got ${count}.`);
    this.#faults.push({ fault, remaining: count });
  }

  /** The queued faults, first applied first. */
  get faults(): readonly QueuedFault[] {
    return this.#faults;
  }

  /** Forgets every queued fault; answers how many there were. */
  clearFaults(): number {
    return this.#faults.splice(0).length;
  }

  /** Webhook deliveries so far, one per event and endpoint. */
  get deliveries(): readonly DeliveryRecord[] {
    return this.#delivery.records;
  }

  /** Starts sending the deliveries queued while `holdDeliveries` held them. */
  releaseDeliveries(): void {
    this.#delivery.release();
  }

  /** Copies of the webhook endpoints, with their secrets. */
  get endpoints(): WebhookEndpoint[] {
    return [...this.#state.webhook_endpoints.values()].map((endpoint) => structuredClone(endpoint));
  }

  /** Where the sandbox listens, its endpoints (secrets masked), the delivery queue and the stored objects. */
  status(): SandboxStatus {
    return sandboxStatus({ url: this.url, endpoints: [...this.#state.webhook_endpoints.values()], deliveries: this.#delivery.records, objects: countObjects(this.#state) });
  }

  /** Resolves when no webhook delivery is pending. */
  idle(): Promise<void> {
    return this.#delivery.idle();
  }

  /**
   * Sends every later event to `url`, signed with `secret`. The same URL (or
   * the `id` of a stored endpoint) again updates that endpoint.
   */
  addEndpoint(input: EndpointInput): WebhookEndpoint {
    const endpoint = upsertWebhookEndpoint(this.#context(null), input);
    this.#commit([]);
    return structuredClone(endpoint);
  }

  /**
   * Creates the objects behind an event type and fires its events, like
   * `stripe trigger`; returns the event of that type. Throws for an
   * unsupported type, naming the supported ones.
   */
  trigger(type: string, options: TriggerOptions = {}): StripeEvent {
    this.#checkEventType(type);
    const ctx = this.#context(options.account ?? null);
    try {
      return structuredClone(triggerEvent(ctx, type, options));
    } finally {
      this.#commit(ctx.emitted);
    }
  }

  /**
   * Sends exactly the event (or the `data.object` of an event of `type`) in
   * `document`, filling `id`, `created` and `api_version` when missing.
   */
  sendEvent(document: Record<string, unknown>, options: { type?: string; account?: string } = {}): StripeEvent {
    const ctx = this.#context(options.account ?? null);
    const event = eventFromDocument(ctx, document, options.type);
    this.#checkEventType(event.type);
    ctx.state.events.set(event.id, event);
    ctx.emitted.push(event);
    this.#commit(ctx.emitted);
    return structuredClone(event);
  }

  /** A copy of any stored object by id (`cus_…`, `ch_…`, `evt_…`), for assertions. */
  getObject(id: string): StripeObject | undefined {
    const found = findObject(this.#state, id);
    return found === undefined ? undefined : structuredClone(found);
  }

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = (req.method ?? 'GET').toUpperCase();
    if (body === undefined) {
      const error = invalidRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`, { status: 413 });
      return send(res, { status: error.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(error.toResponseBody()) });
    }
    if (url.pathname.startsWith('/_sandbox/')) return send(res, handleControlRequest(this, method, url.pathname, body));
    const outcome = handleApiRequest(this.#deps(), { method, path: url.pathname, query: url.search.slice(1), body, headers: req.headers });
    if (outcome.kind === 'respond') send(res, outcome.response);
  }

  #deps(): ApiHandlerDeps {
    return {
      state: this.#state,
      clock: this.#clock,
      apiVersion: this.#apiVersion(),
      takeFault: (method, path) => takeFault(this.#faults, method, path),
      record: (request) => {
        this.#requests.push(request);
        const excess = this.#requests.length - (this.#options.maxRecordedRequests ?? 1000);
        if (excess > 0) this.#requests.splice(0, excess);
      },
      committed: (events) => this.#commit(events),
    };
  }

  #context(account: string | null): OperationContext {
    return { state: this.#state, clock: this.#clock, request: { id: null, idempotencyKey: null }, account, apiVersion: this.#apiVersion(), emitted: [] };
  }

  // Queued first, then saved: the file never holds an event without its deliveries.
  #commit(events: readonly StripeEvent[]): void {
    const endpoints = [...this.#state.webhook_endpoints.values()];
    for (const event of events) {
      this.#delivery.enqueue(event, endpoints.filter((endpoint) => endpointWants(endpoint, event.type)));
    }
    this.#save();
  }

  #save(): void {
    if (this.#options.stateFile !== undefined) saveState(this.#options.stateFile, { state: this.#state, deliveries: this.#delivery.records });
  }

  #checkEventType(type: string): void {
    const types = this.#options.eventTypes;
    if (types !== undefined && !types.known.includes(type)) throw invalidRequest(types.unknown(type), { code: 'unsupported_event_type', param: 'event' });
  }

  #apiVersion(): string {
    return this.#options.apiVersion ?? SANDBOX_API_VERSION;
  }

  #newDelivery(): WebhookDelivery {
    return new WebhookDelivery({
      clock: this.#clock,
      retryDelaysMs: this.#options.webhookRetryDelaysMs ?? [500, 2000, 5000],
      timeoutMs: this.#options.webhookTimeoutMs ?? 10_000,
      endpoint: (id) => this.#state.webhook_endpoints.get(id),
      event: (id) => this.#state.events.get(id),
      delivered: (id) => {
        const event = this.#state.events.get(id);
        if (event !== undefined && event.pending_webhooks > 0) event.pending_webhooks -= 1;
      },
      changed: () => this.#save(),
      held: this.#options.holdDeliveries ?? false,
    });
  }
}
