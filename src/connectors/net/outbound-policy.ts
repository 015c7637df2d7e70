import { lookup } from 'node:dns/promises';
import { outboundAllowList, type OutboundAllowList } from './outbound-allow-list.ts';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the system resolver by default; tests inject one). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** How `http.request` and `webhook.post` reach other hosts: what they may reach, and how much they read. */
export interface OutboundPolicy {
  allow: OutboundAllowList;
  /** Response bodies larger than this (after decompression) fail the step: `outbound_too_large`. */
  maxBytes: number;
  /** A connection not made within this fails as a network error (retried). */
  connectTimeoutMs: number;
  /** Redirects followed before `outbound_too_many_redirects`. */
  maxRedirects: number;
  resolve: HostResolver;
}

export const DEFAULT_OUTBOUND_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;

/**
 * The outbound policy from the configuration.
 * @example outboundPolicy({ allow: 'loopback' }) // tests and the sandbox
 */
export function outboundPolicy(options: { allow?: string; maxBytes?: number; connectTimeoutMs?: number; resolve?: HostResolver } = {}): OutboundPolicy {
  return {
    allow: outboundAllowList(options.allow ?? ''),
    maxBytes: options.maxBytes ?? DEFAULT_OUTBOUND_MAX_BYTES,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    maxRedirects: MAX_REDIRECTS,
    resolve: options.resolve ?? systemResolver,
  };
}

async function systemResolver(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
