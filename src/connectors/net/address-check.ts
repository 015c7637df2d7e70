import { PermanentError } from '../../core/errors.ts';
import type { OutboundPolicy, ResolvedAddress } from './outbound-policy.ts';
import { ipFamily, refusedClassOf } from './refused-addresses.ts';

/** The host of a URL without IPv6 brackets, and its port with the scheme's default filled in. */
export function hostAndPort(url: URL): { hostname: string; port: number } {
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return { hostname, port };
}

/**
 * Every address `url`'s host resolves to, each checked against the policy; the
 * caller connects to these and no others, so a second DNS answer cannot slip
 * past the check. An IP literal is checked as it is.
 * @throws PermanentError `outbound_address_refused` when any address is refused.
 */
export async function checkedAddresses(url: URL, policy: OutboundPolicy, options: { redirectedFrom?: URL | undefined } = {}): Promise<ResolvedAddress[]> {
  const { hostname, port } = hostAndPort(url);
  const family = ipFamily(hostname);
  const addresses = family === undefined ? await policy.resolve(hostname) : [{ address: hostname, family: family === 'ipv4' ? (4 as const) : (6 as const) }];
  if (addresses.length === 0) throw new Error(`${hostname} has no address`);
  for (const { address } of addresses) {
    const refused = refusedClassOf(address);
    if (refused === undefined || policy.allow.allows({ hostname, port, address })) continue;
    const where = address === hostname ? address : `${hostname} resolves to ${address}, which`;
    const allowHint = address === hostname ? `${hostname}:${port} or a CIDR` : `${hostname}, ${hostname}:${port} or a CIDR holding ${address}`;
    const via = options.redirectedFrom === undefined ? '' : ` (redirected from ${options.redirectedFrom.toString()})`;
    throw new PermanentError(
      'outbound_address_refused',
      `${url.origin}${via}: ${where} is a ${refused.name} address; outbound calls do not reach loopback, private, link-local or metadata addresses unless TOLLGATE_OUTBOUND_ALLOW lists them (add ${allowHint})`,
      { details: { url: url.toString(), host: hostname, address, class: refused.name } },
    );
  }
  return addresses;
}
