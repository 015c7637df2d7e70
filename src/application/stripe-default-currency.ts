import { outsideRunContext } from '../engine/outside-run.ts';
import type { AppContext } from './app-context.ts';

/** What the builder assumes when the account cannot be asked: most accounts settle in dollars. */
export const FALLBACK_CURRENCY = 'usd';

export interface DefaultCurrencyOptions {
  /** How long an answer from Stripe is kept; default an hour. */
  ttlMs?: number;
  /** How long the fallback is kept after Stripe could not be asked; default five minutes. */
  failureTtlMs?: number;
  /** How long to wait for Stripe; default three seconds. */
  timeoutMs?: number;
}

/**
 * The Stripe account's default currency (`GET /v1/account`, through the
 * stripe connector a workflow step would use), kept for a while. The built-in
 * sandbox and anything that goes wrong (no connector, Stripe unreachable or
 * refusing) give `usd`: a default for a form is never worth failing a request.
 */
export class StripeDefaultCurrency {
  readonly #app: AppContext;
  readonly #ttlMs: number;
  readonly #failureTtlMs: number;
  readonly #timeoutMs: number;
  #cached: { currency: string; until: number } | undefined;
  #asking: Promise<string> | undefined;

  constructor(app: AppContext, options: DefaultCurrencyOptions = {}) {
    this.#app = app;
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#failureTtlMs = options.failureTtlMs ?? 300_000;
    this.#timeoutMs = options.timeoutMs ?? 3_000;
  }

  async currency(): Promise<string> {
    if (this.#app.sandbox !== undefined) return FALLBACK_CURRENCY;
    const now = this.#app.engine.clock.now().getTime();
    if (this.#cached !== undefined && this.#cached.until > now) return this.#cached.currency;
    // Concurrent requests share one question to Stripe.
    this.#asking ??= this.#ask().finally(() => {
      this.#asking = undefined;
    });
    return await this.#asking;
  }

  async #ask(): Promise<string> {
    const asked = await this.#askStripe().catch(() => undefined);
    const until = this.#app.engine.clock.now().getTime() + (asked === undefined ? this.#failureTtlMs : this.#ttlMs);
    this.#cached = { currency: asked ?? FALLBACK_CURRENCY, until };
    return this.#cached.currency;
  }

  async #askStripe(): Promise<string | undefined> {
    const { engine } = this.#app;
    const operation = engine.operations.get('stripe.request');
    if (operation === undefined) return undefined;
    const connector = await engine.connectors.resolve({ type: 'stripe', name: undefined, optional: true });
    if (connector === undefined) return undefined;
    const account = await operation.execute(
      { method: 'GET', path: '/v1/account' },
      outsideRunContext({ purpose: 'default-currency', connector, timeoutMs: this.#timeoutMs, clock: engine.clock }),
    );
    const currency = typeof account === 'object' && account !== null ? (account as { default_currency?: unknown }).default_currency : undefined;
    return typeof currency === 'string' && /^[a-z]{3}$/i.test(currency) ? currency.toLowerCase() : undefined;
  }
}
