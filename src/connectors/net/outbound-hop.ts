import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { PermanentError } from '../../core/errors.ts';
import { checkedAddresses, hostAndPort } from './address-check.ts';
import type { OutboundPolicy, ResolvedAddress } from './outbound-policy.ts';

/** One HTTP request to one URL, no redirects followed. */
export interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
  /** The URL that redirected here, for messages. */
  redirectedFrom?: URL | undefined;
}

/** The response: status, headers (lower-case names, repeated ones joined) and the body as text. */
export interface HopResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request through the policy: the host's addresses are resolved and
 * checked first, and the socket connects to those checked addresses only.
 * Refusals and an oversize body throw PermanentError; a network failure
 * throws the plain error it was (the caller decides whether to retry).
 */
export async function sendHop(request: HopRequest, policy: OutboundPolicy): Promise<HopResponse> {
  const addresses = await checkedAddresses(request.url, policy, { redirectedFrom: request.redirectedFrom });
  const { hostname, port } = hostAndPort(request.url);
  const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method: request.method,
    hostname,
    port,
    path: `${request.url.pathname}${request.url.search}`,
    headers: request.body === undefined ? request.headers : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
    agent: false,
    lookup: lookupFrom(addresses),
    signal: request.signal,
  };
  return new Promise<HopResponse>((resolve, reject) => {
    const outgoing = send(options, (response) => {
      readLimited(response, { maxBytes: policy.maxBytes, bodyless: request.method === 'HEAD' }).then(
        (body) => resolve({ status: response.statusCode ?? 0, headers: joinedHeaders(response.headers), body }),
        (error: unknown) => {
          outgoing.destroy();
          reject(error instanceof PermanentError ? tooLarge(request, policy) : asError(error));
        },
      );
    });
    outgoing.on('error', reject);
    outgoing.on('socket', (socket) => {
      const timer = setTimeout(() => outgoing.destroy(new Error(`no connection to ${request.url.host} within ${policy.connectTimeoutMs} ms`)), policy.connectTimeoutMs);
      socket.once(request.url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    outgoing.end(request.body);
  });
}

/** A lookup that answers with the addresses already checked, never asking DNS again. */
function lookupFrom(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = addresses.filter(({ family }) => options.family === undefined || options.family === 0 || options.family === family || options.family === `IPv${family}`);
    const first = wanted[0];
    if (first === undefined) {
      callback(Object.assign(new Error(`no IPv${String(options.family)} address was checked for this host`), { code: 'ENOTFOUND' }), '', 0);
    } else if (options.all === true) {
      (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, wanted);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

/** The body, decompressed, up to `maxBytes`; past it the read stops and rejects with a PermanentError. */
async function readLimited(response: IncomingMessage, options: { maxBytes: number; bodyless: boolean }): Promise<string> {
  const { maxBytes } = options;
  // A plain body's declared length is its size: refuse it before reading a byte.
  const declared = Number(response.headers['content-length']);
  if (!options.bodyless && response.headers['content-encoding'] === undefined && declared > maxBytes) {
    throw new PermanentError('outbound_too_large', 'declared length over the limit');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decoded(response)) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new PermanentError('outbound_too_large', 'read past the limit');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function decoded(response: IncomingMessage): Readable {
  switch (response.headers['content-encoding']?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return pipeline(response, createGunzip(), ignore);
    case 'deflate':
      return pipeline(response, createInflate(), ignore);
    case 'br':
      return pipeline(response, createBrotliDecompress(), ignore);
    default:
      return response;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** pipeline() destroys the last stream with the error, which the reader sees: nothing to do here. */
function ignore(): void {}

function tooLarge(request: HopRequest, policy: OutboundPolicy): PermanentError {
  return new PermanentError(
    'outbound_too_large',
    `${request.method} ${request.url.toString()} answered with a body over ${policy.maxBytes} bytes; ask for less (paging, a filter) or raise TOLLGATE_OUTBOUND_MAX_BYTES`,
    { details: { url: request.url.toString(), max_bytes: policy.maxBytes } },
  );
}

function joinedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}
