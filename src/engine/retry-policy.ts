import { parseDuration } from '../core/duration.ts';
import type { TransientError } from '../core/errors.ts';

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
  maxDelayMs: number;
}

/** Transient failures of an action retry by default: 5 attempts, from 1 s up to 5 min apart. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 1000, maxDelayMs: 300_000 };

export function retryPolicyOf(retry: { attempts: number; backoff: string; max_delay: string } | undefined): RetryPolicy {
  if (!retry) return DEFAULT_RETRY;
  return { attempts: retry.attempts, backoffMs: parseDuration(retry.backoff), maxDelayMs: parseDuration(retry.max_delay) };
}

/** Whether a transient failure of attempt `attempt` is tried again (false: the step fails, or takes its `on_error`). */
export function retriesAfter(policy: RetryPolicy, attempt: number): boolean {
  return attempt < policy.attempts;
}

/**
 * Delay before attempt `attempt + 1`: exponential backoff with "equal jitter"
 * (half fixed, half random), capped at max_delay. A `Retry-After` from the
 * other side wins when it asks for longer.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: TransientError, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.backoffMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, error.retryAfterMs ?? 0);
}
