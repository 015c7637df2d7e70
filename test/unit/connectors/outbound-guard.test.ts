import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { PermanentError, TollgateError } from '../../../src/core/errors.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { checkedAddresses } from '../../../src/connectors/net/address-check.ts';
import { baseUrlScope } from '../../../src/connectors/net/credential-scope.ts';
import { fetchOutbound, type OutboundRequest } from '../../../src/connectors/net/outbound-fetch.ts';
import { outboundAllowProblems, outboundPolicy, type HostResolver, type ResolvedAddress } from '../../../src/connectors/net/index.ts';
import { refusedClassOf } from '../../../src/connectors/net/refused-addresses.ts';
import { readConfig } from '../../../src/system/config.ts';
import { withLoopbackAllowed } from '../../../src/system/outbound-settings.ts';

/** A resolver from a fixed table; no real DNS, and it counts its calls. */
function tableResolver(table: Record<string, string[]>): HostResolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) })));
  };
  return Object.assign(resolve, { calls });
}

function refusal(code: string, pattern?: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof PermanentError, `expected a PermanentError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

void describe('refused address classes', () => {
  const cases: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.200.3.4', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.20', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['0.0.0.0', '"this network" (0.0.0.0/8, ::)'],
    ['0.12.34.56', '"this network" (0.0.0.0/8, ::)'],
    ['::', '"this network" (0.0.0.0/8, ::)'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['::ffff:100.64.0.1', 'shared (CGNAT)'],
    ['::7f00:1', 'IPv4-compatible IPv6'],
  ];
  for (const [address, name] of cases) {
    void it(`refuses ${address} as ${name}`, () => assert.equal(refusedClassOf(address)?.name, name));
  }
  for (const address of ['8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
    void it(`lets the public address ${address} through`, () => assert.equal(refusedClassOf(address), undefined));
  }

  void it('refuses each class in a URL, by literal, before any connection', async () => {
    const policy = outboundPolicy({ resolve: tableResolver({}) });
    for (const url of ['http://127.0.0.1/', 'http://[::1]:8080/', 'http://10.0.0.1/', 'https://192.168.0.10/', 'http://169.254.169.254/latest/meta-data/', 'http://[fd00:ec2::254]/', 'http://[fe80::1]/', 'http://0.0.0.0:9000/', 'http://100.100.100.200/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/']) {
      await assert.rejects(checkedAddresses(new URL(url), policy), refusal('outbound_address_refused', /TOLLGATE_OUTBOUND_ALLOW/), url);
    }
  });

  void it('reads the other spellings of loopback the URL parser normalises (0x7f.1, 2130706433)', async () => {
    const policy = outboundPolicy({ resolve: tableResolver({}) });
    for (const url of ['http://0x7f.1/', 'http://2130706433/', 'http://127.1/']) {
      await assert.rejects(checkedAddresses(new URL(url), policy), refusal('outbound_address_refused', /127\.0\.0\.1 is a loopback address/), url);
    }
  });
});

void describe('DNS answers', () => {
  void it('refuses a name that resolves to 127.0.0.1, naming the name, the address and how to allow it', async () => {
    const policy = outboundPolicy({ resolve: tableResolver({ 'sneaky.example': ['127.0.0.1'] }) });
    await assert.rejects(checkedAddresses(new URL('http://sneaky.example:8080/x'), policy), (error: unknown) => {
      assert.ok(error instanceof PermanentError);
      assert.equal(error.code, 'outbound_address_refused');
      assert.match(error.message, /sneaky\.example resolves to 127\.0\.0\.1, which is a loopback address/);
      assert.match(error.message, /add sneaky\.example, sneaky\.example:8080 or a CIDR holding 127\.0\.0\.1/);
      assert.deepEqual(error.details, { url: 'http://sneaky.example:8080/x', host: 'sneaky.example', address: '127.0.0.1', class: 'loopback' });
      return true;
    });
  });

  void it('checks every address a name has: one private address among public ones is refused', async () => {
    const policy = outboundPolicy({ resolve: tableResolver({ 'mixed.example': ['93.184.216.34', '2606:2800::1', '10.0.0.7'] }) });
    await assert.rejects(checkedAddresses(new URL('https://mixed.example/'), policy), refusal('outbound_address_refused', /10\.0\.0\.7, which is a private address/));
  });

  void it('returns the addresses of a public name for the connection to use', async () => {
    const policy = outboundPolicy({ resolve: tableResolver({ 'api.example': ['93.184.216.34', '2606:2800::1'] }) });
    assert.deepEqual(await checkedAddresses(new URL('https://api.example/'), policy), [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800::1', family: 6 },
    ]);
  });

  void it('refuses localhost through the system resolver', async () => {
    await assert.rejects(checkedAddresses(new URL('http://localhost:1/'), outboundPolicy()), refusal('outbound_address_refused', /localhost resolves to/));
  });
});

void describe('TOLLGATE_OUTBOUND_ALLOW', () => {
  const resolve = tableResolver({ 'hooks.internal': ['10.1.2.3'], 'hooks.internal.': ['10.1.2.3'], 'other.internal': ['10.1.2.4'], 'box.internal': ['192.168.7.7'] });
  const allowed = (allow: string, url: string) => checkedAddresses(new URL(url), outboundPolicy({ allow, resolve })).then(
    () => true,
    (error: unknown) => {
      if (error instanceof TollgateError && error.code === 'outbound_address_refused') return false;
      throw error;
    },
  );

  void it('allows a host by name, and only that host', async () => {
    assert.equal(await allowed('hooks.internal', 'https://hooks.internal/x'), true);
    assert.equal(await allowed('HOOKS.internal.', 'https://hooks.internal./x'), true);
    assert.equal(await allowed('hooks.internal', 'https://other.internal/x'), false);
  });

  void it('allows host:port on that port only', async () => {
    assert.equal(await allowed('hooks.internal:8443', 'https://hooks.internal:8443/'), true);
    assert.equal(await allowed('hooks.internal:8443', 'https://hooks.internal/'), false);
    assert.equal(await allowed('10.1.2.3:80', 'http://10.1.2.3/'), true);
    assert.equal(await allowed('[::1]:8080', 'http://[::1]:8080/'), true);
    assert.equal(await allowed('[::1]:8080', 'http://[::1]:8081/'), false);
  });

  void it('allows a CIDR, whatever name leads there', async () => {
    assert.equal(await allowed('10.0.0.0/8', 'http://hooks.internal/'), true);
    assert.equal(await allowed('10.0.0.0/8', 'http://10.200.0.1/'), true);
    assert.equal(await allowed('10.0.0.0/8', 'http://box.internal/'), false);
    assert.equal(await allowed('10.1.2.3', 'http://other.internal/'), false);
    assert.equal(await allowed('fc00::/7', 'http://[fd00::5]/'), true);
  });

  void it('allows loopback with the keyword, in every spelling, and nothing else', async () => {
    for (const url of ['http://127.0.0.1:9/', 'http://127.8.8.8/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/']) assert.equal(await allowed('loopback', url), true, url);
    assert.equal(await allowed('loopback', 'http://10.0.0.1/'), false);
    assert.equal(await allowed('loopback', 'http://169.254.169.254/'), false);
    assert.equal(await allowed('loopback, 10.0.0.0/8', 'http://10.0.0.1/'), true);
  });

  void it('names each bad entry', () => {
    assert.deepEqual(outboundAllowProblems('loopback, hooks.internal:8443, 10.0.0.0/8, [fd00::1]:443'), []);
    const problems = outboundAllowProblems('10.0.0.0/33, host:99999, bad host, 10.0.0/8, *.example.com');
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0] ?? '', /"10\.0\.0\.0\/33"/);
    assert.match(problems[1] ?? '', /port must be a number from 1 to 65535/);
  });

  void it('is read by the configuration: empty by default, a bad entry fails start-up naming the variable', () => {
    assert.equal(readConfig({}).outboundAllow, '', 'production allows no refused address by default');
    assert.equal(readConfig({ TOLLGATE_OUTBOUND_ALLOW: 'loopback,10.0.0.0/8' }).outboundAllow, 'loopback,10.0.0.0/8');
    assert.equal(readConfig({}).outboundMaxBytes, 5 * 1024 * 1024);
    assert.equal(readConfig({ TOLLGATE_OUTBOUND_MAX_BYTES: '1000' }).outboundMaxBytes, 1000);
    assert.throws(
      () => readConfig({ TOLLGATE_OUTBOUND_ALLOW: 'loopback,10.0.0.0/99' }),
      (error: unknown) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes('TOLLGATE_OUTBOUND_ALLOW="loopback,10.0.0.0/99"'),
    );
  });

  void it('gains loopback for the sandbox once, keeping what was set', () => {
    assert.equal(withLoopbackAllowed({ outboundAllow: '' }).outboundAllow, 'loopback');
    assert.equal(withLoopbackAllowed({ outboundAllow: '10.0.0.0/8' }).outboundAllow, '10.0.0.0/8,loopback');
    assert.equal(withLoopbackAllowed({ outboundAllow: 'LOOPBACK' }).outboundAllow, 'LOOPBACK');
  });
});

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A local server answering from `route`, recording what it saw. */
async function startServer(route: (path: string, res: ServerResponse) => void): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      route(req.url ?? '', res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

void describe('fetchOutbound against local servers', () => {
  let a: Awaited<ReturnType<typeof startServer>>;
  let b: Awaited<ReturnType<typeof startServer>>;
  const big = 'x'.repeat(2000);
  before(async () => {
    b = await startServer((_path, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('from b'));
    a = await startServer((path, res) => {
      const hop = /^\/loop\/(\d+)$/.exec(path);
      if (path === '/to-b') return void res.writeHead(302, { location: `http://other.test:${b.port}/landing` }).end();
      if (path === '/to-sneaky') return void res.writeHead(307, { location: `http://sneaky.test:${b.port}/steal` }).end();
      if (path === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      if (path === '/same-origin') return void res.writeHead(301, { location: '/api/moved' }).end();
      if (path === '/see-other') return void res.writeHead(303, { location: '/api/result' }).end();
      if (hop) return void res.writeHead(302, { location: `/loop/${Number(hop[1]) + 1}` }).end();
      if (path === '/big') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(big);
      if (path === '/big-chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 20; i += 1) res.write('y'.repeat(100));
        return void res.end();
      }
      if (path === '/bomb') return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(100_000, 0x7a)));
      if (path === '/small-gzip') return void res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(gzipSync('{"ok":true}'));
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end('{"ok":true}');
    });
  });
  after(async () => {
    await a.close();
    await b.close();
  });
  beforeEach(() => {
    a.seen.length = 0;
    b.seen.length = 0;
  });

  // Every name points at this machine; which of them may be reached is the allow list's choice.
  const resolve = tableResolver({ 'allowed.test': ['127.0.0.1'], 'sneaky.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
  const policy = (allow: string, maxBytes?: number) => outboundPolicy({ allow, resolve, ...(maxBytes === undefined ? {} : { maxBytes }) });
  const request = (url: string, extra: Partial<OutboundRequest> = {}): OutboundRequest => ({ url: new URL(url), method: 'GET', headers: {}, body: undefined, signal: new AbortController().signal, ...extra });

  void it('connects to the checked address, asking DNS once per hop', async () => {
    resolve.calls.length = 0;
    const response = await fetchOutbound(request(`http://allowed.test:${a.port}/api/x`), policy('allowed.test'));
    assert.equal(response.status, 200);
    assert.equal(response.body, '{"ok":true}');
    assert.equal(response.headers['set-cookie'], 'a=1, b=2');
    assert.deepEqual(resolve.calls, ['allowed.test']);
    assert.equal(a.seen[0]?.headers.host, `allowed.test:${a.port}`);
  });

  void it('refuses a redirect from an allowed host to a refused one, and the refused one sees nothing', async () => {
    await assert.rejects(
      fetchOutbound(request(`http://allowed.test:${a.port}/to-sneaky`, { method: 'POST', body: '{}' }), policy('allowed.test')),
      refusal('outbound_address_refused', new RegExp(`sneaky\\.test:${b.port} \\(redirected from http://allowed\\.test:${a.port}/to-sneaky\\): sneaky\\.test resolves to 127\\.0\\.0\\.1`)),
    );
    assert.equal(a.seen.length, 1);
    assert.equal(b.seen.length, 0);
  });

  void it('drops credentials and Authorization on a cross-origin redirect', async () => {
    const response = await fetchOutbound(
      request(`http://allowed.test:${a.port}/to-b`, {
        headers: { authorization: 'Basic step-given', cookie: 'session=1', 'x-trace': 't1' },
        credentials: { headers: { 'x-api-key': 'connector-key' }, scope: baseUrlScope(new URL(`http://allowed.test:${a.port}/`)) },
      }),
      policy('loopback'),
    );
    assert.equal(response.body, 'from b');
    assert.equal(response.url.toString(), `http://other.test:${b.port}/landing`);
    assert.equal(a.seen[0]?.headers['x-api-key'], 'connector-key');
    assert.equal(a.seen[0]?.headers.authorization, 'Basic step-given');
    const landed = b.seen[0]?.headers;
    assert.ok(landed);
    assert.equal(landed.authorization, undefined);
    assert.equal(landed.cookie, undefined);
    assert.equal(landed['x-api-key'], undefined);
    assert.equal(landed['x-trace'], 't1');
  });

  void it('keeps credentials on a same-origin redirect under the base, and turns 303 into a GET', async () => {
    const credentials = { headers: { authorization: 'Bearer tok' }, scope: baseUrlScope(new URL(`http://127.0.0.1:${a.port}/api`)) };
    await fetchOutbound(request(`http://127.0.0.1:${a.port}/same-origin`, { credentials }), policy('loopback'));
    assert.deepEqual(a.seen.map((seen) => [seen.path, seen.headers.authorization]), [
      ['/same-origin', undefined],
      ['/api/moved', 'Bearer tok'],
    ]);
    a.seen.length = 0;
    await fetchOutbound(request(`http://127.0.0.1:${a.port}/see-other`, { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }), policy('loopback'));
    assert.deepEqual(a.seen.map((seen) => [seen.path, seen.headers['content-type'] ?? null]), [
      ['/see-other', 'application/json'],
      ['/api/result', null],
    ]);
  });

  void it('stops after 5 redirects', async () => {
    await assert.rejects(fetchOutbound(request(`http://127.0.0.1:${a.port}/loop/0`), policy('loopback')), refusal('outbound_too_many_redirects', /more than 5 times/));
    assert.equal(a.seen.length, 6);
  });

  void it('refuses a redirect to a scheme other than http(s)', async () => {
    await assert.rejects(fetchOutbound(request(`http://127.0.0.1:${a.port}/to-file`), policy('loopback')), refusal('outbound_url_invalid', /file:\/\/\/etc\/passwd \(redirected from/));
  });

  void it('returns a 3xx as it is with redirect: manual', async () => {
    const response = await fetchOutbound(request(`http://127.0.0.1:${a.port}/to-b`, { redirect: 'manual' }), policy('loopback'));
    assert.equal(response.status, 302);
    assert.equal(b.seen.length, 0);
  });

  void it('refuses a body over the limit: declared, chunked, or decompressed', async () => {
    for (const path of ['/big', '/big-chunked', '/bomb']) {
      await assert.rejects(fetchOutbound(request(`http://127.0.0.1:${a.port}${path}`), policy('loopback', 1000)), refusal('outbound_too_large', /over 1000 bytes.*TOLLGATE_OUTBOUND_MAX_BYTES/), path);
    }
    assert.equal((await fetchOutbound(request(`http://127.0.0.1:${a.port}/big`), policy('loopback', 2000))).body.length, 2000);
    assert.equal((await fetchOutbound(request(`http://127.0.0.1:${a.port}/small-gzip`), policy('loopback', 1000))).body, '{"ok":true}');
  });

  void it('refuses loopback without the allow list, before connecting', async () => {
    await assert.rejects(fetchOutbound(request(`http://127.0.0.1:${a.port}/api/x`), policy('')), refusal('outbound_address_refused', /127\.0\.0\.1 is a loopback address/));
    assert.equal(a.seen.length, 0);
  });
});

void describe('credential scope', () => {
  void it('covers the base origin and paths under its path only', () => {
    const scope = baseUrlScope(new URL('https://api.example.com/v2'));
    assert.equal(scope.covers(new URL('https://api.example.com/v2')), true);
    assert.equal(scope.covers(new URL('https://api.example.com/v2/refunds?x=1')), true);
    assert.equal(scope.covers(new URL('https://api.example.com:443/v2/x')), true);
    assert.equal(scope.covers(new URL('https://api.example.com/v2x')), false);
    assert.equal(scope.covers(new URL('https://api.example.com/v2/../admin')), false);
    assert.equal(scope.covers(new URL('https://api.example.com/admin')), false);
    assert.equal(scope.covers(new URL('http://api.example.com/v2/x')), false);
    assert.equal(scope.covers(new URL('https://api.example.com:8443/v2/x')), false);
    assert.equal(scope.covers(new URL('https://api.example.com.evil.test/v2/x')), false);
  });
});
