import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { silentLogger } from '../../src/core/logger.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { DEFAULT_SERVER_SECURITY, type ServerSecurity } from '../../src/server/server-security.ts';
import { sessionHeadersOf } from '../support/session-headers.ts';
import { startApi, TRIAGE_YAML, type ApiHarness } from './api-harness.ts';
import { bearer, PASSWORD, userWithKey } from './identity-fixtures.ts';

async function withServer(api: ApiHarness, security: Partial<ServerSecurity>, body: (server: FastifyInstance) => Promise<void>): Promise<void> {
  const server = await buildServer({ app: api.t.system.app, logger: silentLogger, webRoot: false, security: { ...DEFAULT_SERVER_SECURITY, ...security } });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

function loginRequest(headers: Record<string, string> = {}): InjectOptions {
  return { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'pat@example.com', password: PASSWORD }, headers };
}

test('CSRF: a change sent with the session cookie needs X-Tollgate-CSRF matching its cookie; GETs and API keys need none', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const editor = await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    const login = await api.call(loginRequest());
    const setCookies = login.headers['set-cookie'] as string[];
    const csrfCookie = setCookies.find((value) => value.startsWith('tollgate_csrf='));
    assert.ok(csrfCookie, 'login sets the CSRF cookie');
    assert.doesNotMatch(csrfCookie, /HttpOnly/, 'the web app must read it');
    assert.match(csrfCookie, /; Path=\/; .*SameSite=Lax/);
    const session = sessionHeadersOf(setCookies);
    const apply = (headers: Record<string, string>) => api.call<ErrorBody>({ method: 'POST', url: '/api/v1/apply', headers: { ...headers, 'content-type': 'application/yaml' }, payload: TRIAGE_YAML });

    const missing = await apply({ cookie: session.cookie });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'csrf_failed');
    assert.equal(missing.body.error.path, 'headers.x-tollgate-csrf');
    const wrong = await apply({ cookie: session.cookie, 'x-tollgate-csrf': 'A'.repeat(session['x-tollgate-csrf'].length) });
    assert.equal(wrong.body.error.code, 'csrf_failed');
    assert.deepEqual(await api.t.system.store.listWorkflows(), [], 'nothing was applied');

    assert.equal((await api.call({ method: 'GET', url: '/api/v1/workflows', headers: { cookie: session.cookie } })).status, 200, 'a read needs no proof');
    assert.equal((await apply(session)).status, 200, 'with the header');
    assert.equal((await apply(bearer(editor.key))).status, 200, 'an API key needs no proof');
    assert.equal((await apply({ ...bearer(editor.key), cookie: session.cookie })).status, 200, 'nor does an API key sent beside a cookie');

    const another = sessionHeadersOf((await api.call(loginRequest())).headers['set-cookie']);
    assert.equal((await apply({ cookie: session.cookie, 'x-tollgate-csrf': another['x-tollgate-csrf'] })).body.error.code, 'csrf_failed', "another session's token does not do");
  } finally {
    await api.close();
  }
});

test('a session without a CSRF cookie (opened before them) gets one on its next request', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    const session = sessionHeadersOf((await api.call(loginRequest())).headers['set-cookie']);
    const sessionOnly = session.cookie.split('; ').find((pair) => pair.startsWith('tollgate_session=')) ?? '';
    const me = await api.call({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionOnly } });
    assert.equal(me.status, 200);
    assert.equal(sessionHeadersOf(me.headers['set-cookie'])['x-tollgate-csrf'], session['x-tollgate-csrf']);
    const again = await api.call({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    assert.equal(again.headers['set-cookie'], undefined, 'not set again once present');
  } finally {
    await api.close();
  }
});

test('session cookies are Secure behind a trusted TLS proxy or with an https public URL; X-Forwarded-Proto from an untrusted client is ignored', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    const cookiesOf = async (server: FastifyInstance, headers: Record<string, string> = {}) => {
      const answer = await server.inject(loginRequest(headers));
      assert.equal(answer.statusCode, 200, answer.body);
      return answer.headers['set-cookie'] as string[];
    };
    const everyCookie = (cookies: string[], pattern: RegExp) => cookies.every((cookie) => pattern.test(cookie));
    await withServer(api, { trustProxy: ['127.0.0.1'] }, async (server) => {
      const viaProxy = await cookiesOf(server, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
      assert.equal(viaProxy.length, 2);
      assert.ok(everyCookie(viaProxy, /; Secure$/), viaProxy.join('\n'));
      assert.ok(everyCookie(viaProxy, /; Path=\//));
      assert.match(viaProxy[0] ?? '', /; HttpOnly; SameSite=Lax; Secure$/);
      assert.ok(everyCookie(await cookiesOf(server), /SameSite=Lax$/), 'plain http: not Secure');
    });
    await withServer(api, { trustProxy: false }, async (server) => {
      assert.ok(everyCookie(await cookiesOf(server, { 'x-forwarded-proto': 'https' }), /SameSite=Lax$/), 'a header anyone can send changes nothing');
    });
    await withServer(api, { httpsPublicUrl: true }, async (server) => {
      assert.ok(everyCookie(await cookiesOf(server), /; Secure$/));
      const logout = await server.inject({ method: 'POST', url: '/api/v1/auth/logout' });
      assert.ok(everyCookie(logout.headers['set-cookie'] as string[], /Max-Age=0; .*Secure$/));
    });
  } finally {
    await api.close();
  }
});

test('security headers: a CSP for the web app, no framing, no sniffing, no referrer; HSTS only over https', async () => {
  const api = await startApi();
  try {
    const answer = await api.get('/healthz');
    const csp = String(answer.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'", "object-src 'none'"]) assert.ok(csp.includes(directive), `${directive} in ${csp}`);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/, 'a plain-http set-up keeps working');
    assert.equal(answer.headers['x-frame-options'], 'DENY');
    assert.equal(answer.headers['x-content-type-options'], 'nosniff');
    assert.equal(answer.headers['referrer-policy'], 'no-referrer');
    assert.equal(answer.headers['strict-transport-security'], undefined);
    await withServer(api, { trustProxy: true }, async (server) => {
      const https = await server.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(https.headers['strict-transport-security']), /^max-age=\d{7,}$/);
    });
  } finally {
    await api.close();
  }
});

test('/metrics needs the metrics.read permission: admins have it, an API key can be scoped to it', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const editor = await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    const scraper = await userWithKey(api.t.system.app, 'ops@example.com', ['admin'], { scopes: ['metrics.read'] });
    assert.equal((await api.get<ErrorBody>('/metrics')).status, 401);
    const refused = await api.call<ErrorBody>({ method: 'GET', url: '/metrics', headers: bearer(editor.key) });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /metrics\.read/);
    const scraped = await api.call({ method: 'GET', url: '/metrics', headers: bearer(scraper.key) });
    assert.equal(scraped.status, 200);
    assert.match(scraped.text, /tollgate_/);
    // Before anything happened, the series an alert watches are there at 0, and the process's own under their usual names.
    assert.match(scraped.text, /^tollgate_runs_finished_total\{status="failed"\} 0$/m);
    assert.match(scraped.text, /^tollgate_webhook_deliveries_total\{source="stripe",result="rejected"\} 0$/m);
    assert.match(scraped.text, /^process_cpu_seconds_total /m);
    assert.match(scraped.text, /^nodejs_heap_size_used_bytes /m);
    assert.equal((await api.call({ method: 'GET', url: '/api/v1/workflows', headers: bearer(scraper.key) })).status, 403, 'the scoped key reads nothing else');
  } finally {
    await api.close();
  }
});

test('rate limits: over the API limit a key gets 429 rate_limited with Retry-After; other keys and addresses count apart', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const first = await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    const second = await userWithKey(api.t.system.app, 'sam@example.com', ['editor']);
    await withServer(api, { apiRateLimit: { max: 3, windowMs: 60_000 } }, async (server) => {
      const list = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => server.inject({ method: 'GET', url: '/api/v1/workflows', headers, remoteAddress });
      for (let i = 0; i < 3; i += 1) assert.equal((await list(bearer(first.key))).statusCode, 200);
      const limited = await list(bearer(first.key));
      assert.equal(limited.statusCode, 429);
      const body = limited.json<ErrorBody>();
      assert.equal(body.error.code, 'rate_limited');
      assert.match(body.error.message, /more than 3 requests in 60 s/);
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${String(limited.headers['retry-after'])}`);
      assert.equal((await list(bearer(second.key))).statusCode, 200, 'another key has its own count');
      assert.equal((await list({}, '198.51.100.1')).statusCode, 401, 'without credentials authentication answers first');
      assert.equal((await server.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'probes are not limited');
    });
  } finally {
    await api.close();
  }
});

test('rate limits: webhooks count per endpoint and address; off means none', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', 'kind: Workflow\nid: open-hook\ntrigger: { type: webhook }\nsteps:\n  - { id: done, type: end, outcome: Received }\n');
    const deliver = (server: FastifyInstance, remoteAddress: string) =>
      server.inject({ method: 'POST', url: '/webhooks/workflows/open-hook', headers: { 'content-type': 'application/json' }, payload: '{"n":1}', remoteAddress });
    await withServer(api, { webhookRateLimit: { max: 2, windowMs: 60_000 }, apiRateLimit: null }, async (server) => {
      assert.equal((await deliver(server, '203.0.113.1')).statusCode, 202);
      assert.equal((await deliver(server, '203.0.113.1')).statusCode, 202);
      const limited = await deliver(server, '203.0.113.1');
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json<ErrorBody>().error.code, 'rate_limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
      assert.equal((await deliver(server, '203.0.113.2')).statusCode, 202, 'another address');
      for (let i = 0; i < 5; i += 1) assert.equal((await server.inject({ method: 'GET', url: '/api/v1/workflows', remoteAddress: '203.0.113.1' })).statusCode, 200, 'the API limit is off');
    });
  } finally {
    await api.close();
  }
});
