import type Stripe from 'stripe';
import type { Logger } from '../core/logger.ts';
import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../store/event-store.ts';
import type { StripeEventIntake } from './stripe-event-intake.ts';

const CURSOR = 'stripe-events';

export interface StripeEventPollerOptions {
  /** The SDK client, made when the first poll needs it. */
  stripe: () => Promise<Stripe>;
  intake: StripeEventIntake;
  events: EventStore;
  connectorId: string;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
}

/**
 * Polling mode, for installations with no public URL: reads the Events API
 * for events newer than the last one seen, oldest first, and hands each to
 * the intake (which stores each once, so an overlap is harmless). The cursor
 * is stored, so a restart goes on where it stopped.
 */
export class StripeEventPoller {
  readonly #options: StripeEventPollerOptions;
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<number> | undefined;

  constructor(options: StripeEventPollerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.poll(), this.#options.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
  }

  /** Reads and takes in every new event now; returns how many were new. */
  poll(): Promise<number> {
    this.#polling ??= this.#poll()
      .catch((error: unknown) => {
        this.#options.logger.warn({ err: error }, 'polling Stripe events failed; will try again');
        return 0;
      })
      .finally(() => (this.#polling = undefined));
    return this.#polling;
  }

  async #poll(): Promise<number> {
    const { intake, events, connectorId, clock } = this.#options;
    const stripe = await this.#options.stripe();
    const cursor = await events.getCursor(`${CURSOR}:${connectorId}`);
    const fresh: Stripe.Event[] = [];
    // Newest first: page back until the last event seen (or, the first time, take only the latest page).
    let page = await stripe.events.list({ limit: 100 });
    for (;;) {
      const index = cursor === undefined ? -1 : page.data.findIndex((event) => event.id === cursor);
      fresh.push(...(index === -1 ? page.data : page.data.slice(0, index)));
      const last = page.data.at(-1);
      if (index !== -1 || !page.has_more || cursor === undefined || !last) break;
      page = await stripe.events.list({ limit: 100, starting_after: last.id });
    }
    let taken = 0;
    for (const event of fresh.reverse()) {
      const result = await intake.accept(event, { connectorId, source: 'poll' });
      if (!result.duplicate) taken += 1;
      await events.setCursor(`${CURSOR}:${connectorId}`, event.id, clock.now());
    }
    return taken;
  }
}
