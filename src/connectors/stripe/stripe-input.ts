import type Stripe from 'stripe';
import { PermanentError } from '../../core/errors.ts';

/** The step's input split into what goes to Stripe and what steers the call. */
export interface StripeCallInput {
  /** Stripe's parameters: every key except the ones the connector itself reads. */
  params: Record<string, unknown>;
  options: Stripe.RequestOptions;
}

/**
 * Splits a step's `with` into Stripe parameters and request options:
 * `stripe_account` becomes the `Stripe-Account` header; the step's
 * idempotency key goes on every POST. Keys listed in `own` are the
 * operation's (such as `id`, `auto_paginate`) and are left out. A null value
 * means "not given" (a template over a missing variable) and is dropped; pass
 * "" to unset a Stripe field.
 */
export function splitStripeInput(input: Record<string, unknown>, call: { method: 'GET' | 'POST' | 'DELETE'; idempotencyKey: string; own?: readonly string[] }): StripeCallInput {
  const own = new Set(['stripe_account', ...(call.own ?? [])]);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (own.has(key) || value === undefined || value === null) continue;
    params[key] = value;
  }
  const options: Stripe.RequestOptions = {};
  const account = input.stripe_account;
  if (account !== undefined && account !== null && account !== '') {
    options.stripeAccount = requireString(input, 'stripe_account', 'a connected account id such as acct_123');
  }
  if (call.method === 'POST') options.idempotencyKey = call.idempotencyKey;
  return { params, options };
}

/** A required, non-empty string parameter, or a PermanentError naming `with.<name>`. */
export function requireString(input: Record<string, unknown>, name: string, what: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PermanentError('stripe_param_invalid', `with.${name}: expected ${what}, got ${JSON.stringify(value) ?? 'nothing'}`, { path: `with.${name}` });
  }
  return value;
}
