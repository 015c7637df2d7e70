import type { BlockList } from 'node:net';
import { blockListOf, ipFamily, REFUSED_ADDRESS_CLASSES } from './refused-addresses.ts';

/** Where an outbound call connects: the URL's host and port, and one address the host resolved to. */
export interface OutboundTarget {
  hostname: string;
  port: number;
  address: string;
}

/** The TOLLGATE_OUTBOUND_ALLOW entries: refused addresses these let through. */
export interface OutboundAllowList {
  readonly entries: readonly string[];
  allows(target: OutboundTarget): boolean;
}

type AllowRule = { kind: 'host'; hostname: string; port: number | undefined } | { kind: 'network'; list: BlockList; port: number | undefined };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
const LOOPBACK_CIDRS = REFUSED_ADDRESS_CLASSES.find((addressClass) => addressClass.name === 'loopback')?.cidrs ?? [];

/** What is wrong with each bad entry of a comma-separated allow list; empty when all are good. */
export function outboundAllowProblems(text: string): string[] {
  return splitEntries(text).flatMap((entry) => {
    const rule = parseEntry(entry);
    return typeof rule === 'string' ? [rule] : [];
  });
}

/**
 * The allow list from a comma-separated TOLLGATE_OUTBOUND_ALLOW: host names
 * (`hooks.internal`), `host:port`, IP addresses (`10.0.0.5`, `[fd00::5]:8443`),
 * CIDRs (`10.20.0.0/16`) and `loopback` (127.0.0.0/8 and ::1).
 * @throws Error for a bad entry: read the list with `outboundAllowProblems` first.
 */
export function outboundAllowList(text: string): OutboundAllowList {
  const entries = splitEntries(text);
  const rules = entries.map((entry) => {
    const rule = parseEntry(entry);
    if (typeof rule === 'string') throw new Error(rule);
    return rule;
  });
  return {
    entries,
    allows: (target) => rules.some((rule) => matches(rule, target)),
  };
}

function splitEntries(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function matches(rule: AllowRule, target: OutboundTarget): boolean {
  if (rule.port !== undefined && rule.port !== target.port) return false;
  if (rule.kind === 'host') return rule.hostname === normalHostname(target.hostname);
  const family = ipFamily(target.address);
  return family !== undefined && rule.list.check(target.address, family);
}

/** A rule, or what is wrong with the entry. */
function parseEntry(entry: string): AllowRule | string {
  const problem = `TOLLGATE_OUTBOUND_ALLOW entry "${entry}" is not a host, host:port, IP address, CIDR (10.0.0.0/8) or "loopback"`;
  if (entry.toLowerCase() === 'loopback') return { kind: 'network', list: blockListOf(LOOPBACK_CIDRS), port: undefined };
  if (entry.includes('/')) return parseCidr(entry) ?? problem;
  if (ipFamily(entry) !== undefined) return { kind: 'network', list: blockListOf([entry]), port: undefined };
  const { host, port } = splitPort(entry);
  if (port === null) return `${problem}: the port must be a number from 1 to 65535`;
  if (ipFamily(host) !== undefined) return { kind: 'network', list: blockListOf([host]), port };
  const hostname = normalHostname(host);
  return HOSTNAME.test(hostname) ? { kind: 'host', hostname, port } : problem;
}

function parseCidr(entry: string): AllowRule | undefined {
  const [network = '', prefix = '', ...rest] = entry.split('/');
  const family = ipFamily(network);
  const bits = Number(prefix);
  if (family === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefix) || bits > (family === 'ipv4' ? 32 : 128)) return undefined;
  return { kind: 'network', list: blockListOf([entry]), port: undefined };
}

/** `host:port` or `[v6]:port` into its parts; port null when it is not a valid one. */
function splitPort(entry: string): { host: string; port: number | undefined | null } {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  const colon = entry.lastIndexOf(':');
  const [host, portText] = bracketed ? [bracketed[1] ?? '', bracketed[2]] : colon === -1 ? [entry, undefined] : [entry.slice(0, colon), entry.slice(colon + 1)];
  if (portText === undefined) return { host, port: undefined };
  const port = Number(portText);
  return { host, port: /^\d{1,5}$/.test(portText) && port >= 1 && port <= 65535 ? port : null };
}

/** Host names compare lower-case and without a trailing dot (`API.Example.com.` is `api.example.com`). */
export function normalHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}
