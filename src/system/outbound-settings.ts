import { outboundPolicy, type OutboundPolicy } from '../connectors/net/index.ts';
import type { Config } from './config.ts';

/** The outbound policy the configuration sets: TOLLGATE_OUTBOUND_ALLOW and TOLLGATE_OUTBOUND_MAX_BYTES. */
export function outboundPolicyOf(config: Pick<Config, 'outboundAllow' | 'outboundMaxBytes'>): OutboundPolicy {
  return outboundPolicy({ allow: config.outboundAllow, maxBytes: config.outboundMaxBytes });
}

/**
 * The configuration with loopback added to TOLLGATE_OUTBOUND_ALLOW: for a trial
 * on one machine (`tollgate start` with the Stripe sandbox), whose workflows
 * post to receivers on the same machine. Never the default otherwise.
 */
export function withLoopbackAllowed<T extends Pick<Config, 'outboundAllow'>>(config: T): T {
  const entries = config.outboundAllow.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry.toLowerCase() === 'loopback')) return config;
  return { ...config, outboundAllow: [...entries.filter(Boolean), 'loopback'].join(',') };
}
