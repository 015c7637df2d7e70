/** Outbound network safety for operations that call other hosts: refused addresses, an allow list, checked redirects, capped responses. */
export { outboundAllowProblems, type OutboundAllowList } from './outbound-allow-list.ts';
export { DEFAULT_OUTBOUND_MAX_BYTES, outboundPolicy, type HostResolver, type OutboundPolicy, type ResolvedAddress } from './outbound-policy.ts';
