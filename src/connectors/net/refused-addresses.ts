import { BlockList, isIP } from 'node:net';

/** A kind of address outbound calls do not reach unless TOLLGATE_OUTBOUND_ALLOW lists it. */
export interface RefusedAddressClass {
  /** How a message names it: "a loopback address". */
  name: string;
  cidrs: readonly string[];
}

/**
 * The refused classes, the narrowest first so a message names the metadata
 * address as such rather than as link-local. IPv4-mapped IPv6 forms
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) fall in the IPv4 class: BlockList maps them.
 */
export const REFUSED_ADDRESS_CLASSES: readonly RefusedAddressClass[] = [
  { name: 'cloud metadata', cidrs: ['169.254.169.254/32', 'fd00:ec2::254/128'] },
  { name: 'loopback', cidrs: ['127.0.0.0/8', '::1/128'] },
  { name: 'private', cidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'] },
  { name: 'link-local', cidrs: ['169.254.0.0/16', 'fe80::/10'] },
  { name: '"this network" (0.0.0.0/8, ::)', cidrs: ['0.0.0.0/8', '::/128'] },
  { name: 'shared (CGNAT)', cidrs: ['100.64.0.0/10'] },
  // Deprecated IPv4-compatible IPv6 (::a.b.c.d): nothing public uses it, and some stacks route it as the IPv4 address.
  { name: 'IPv4-compatible IPv6', cidrs: ['::/96'] },
];

const CLASS_LISTS = REFUSED_ADDRESS_CLASSES.map((addressClass) => ({ addressClass, list: blockListOf(addressClass.cidrs) }));

/** The refused class `address` (an IP literal) falls in, or undefined for a public address. */
export function refusedClassOf(address: string): RefusedAddressClass | undefined {
  const family = ipFamily(address);
  if (family === undefined) return { name: 'unrecognised', cidrs: [] };
  return CLASS_LISTS.find(({ list }) => list.check(address, family))?.addressClass;
}

/** A BlockList of CIDRs (`10.0.0.0/8`, `fe80::/10`) or single addresses. */
export function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix] = cidr.split('/');
    const family = ipFamily(network);
    if (family === undefined) throw new Error(`${cidr} is not an IP address or CIDR`);
    const bits = prefix === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefix);
    list.addSubnet(network, bits, family);
  }
  return list;
}

export function ipFamily(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}
