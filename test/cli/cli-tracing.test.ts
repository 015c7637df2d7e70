// Traces: `tollgate start` with OTEL_EXPORTER_OTLP_ENDPOINT sends OTLP/HTTP
// (JSON) to a collector, here a real HTTP server that keeps what it is sent:
// a server span per request under the caller's traceparent, a span per step
// attempt with the run's ids, the operation it calls as a client span under
// it, and a failed step's span marked failed with its error code.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import Stripe from 'stripe';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, launchTollgate, tempDir } from './cli-process.ts';

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: { key: string; value: OtlpValue }[]; status?: { code?: number; message?: string } }
interface OtlpExport { resourceSpans: { resource: { attributes: { key: string; value: OtlpValue }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] }

const SECRET = 'whsec_tracing_test';
const SERVER_KIND = 2;
const CLIENT_KIND = 3;
const ERROR_STATUS = 2;
const exports: OtlpExport[] = [];
const hookTraceparents: string[] = [];
let collector: Server;
let collectorUrl: string;

const definitions = () => `kind: Workflow
id: personalize-orders
title: Personalize orders
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - id: email_team
    type: action
    uses: email.send
    with: { to: { team: fulfillment }, subject: "Note for {{ object.id }}", body: Add a note. }
---
kind: Workflow
id: mail-nobody
title: Mail nobody
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - id: email_nobody
    type: action
    uses: email.send
    with: { to: "{{ object.metadata.nobody }}", subject: Nobody, body: Nobody. }
---
kind: Workflow
id: call-out
title: Call out
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - id: notify
    type: action
    uses: http.request
    with: { url: "${collectorUrl}/hook", method: POST, body: { payment: "{{ object.id }}" } }
---
kind: Team
id: fulfillment
title: Fulfillment
members: [{ email: pat@example.com }]
`;

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((candidate) => candidate.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? value?.boolValue : Number(value.intValue));
};

before(async () => {
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces' && request.headers['content-type'] === 'application/json') exports.push(JSON.parse(body) as OtlpExport);
      // The call-out workflow's http.request lands here too.
      if (request.url === '/hook') hookTraceparents.push(String(request.headers.traceparent));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  collectorUrl = `http://127.0.0.1:${address.port}`;
});

after(() => new Promise<void>((resolve) => collector.close(() => resolve())));

void test('start sends a trace per request and per step attempt to the collector named by OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
  const data = tempDir();
  const file = join(data.path, 'workflows.yaml');
  writeFileSync(file, definitions());
  // A test key and no network: no sandbox; the webhook secret is ours, so the test signs its own deliveries.
  const env = cleanEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl, STRIPE_SECRET_KEY: 'sk_test_tracing', STRIPE_WEBHOOK_SECRET: SECRET, TOLLGATE_OUTBOUND_ALLOW: 'loopback' });
  const tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '--file', file], { env });
  let runs: string[];
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';
  try {
    assert.match(tollgate.banner, new RegExp(`traces\\s+${collectorUrl}/v1/traces \\(OpenTelemetry, service tollgate\\)`));
    const body = JSON.stringify({ id: 'evt_traced', object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'pi_traced', object: 'payment_intent', amount: 2000, currency: 'usd', metadata: {} } } });
    const response = await fetch(`${tollgate.url}/webhooks/stripe/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }), traceparent: `00-${traceId}-${callerSpanId}-01` },
      body,
    });
    assert.equal(response.status, 200, await response.clone().text());
    runs = ((await response.json()) as { runs: string[] }).runs;
    assert.equal(runs.length, 3);
    const forged = await fetch(`${tollgate.url}/webhooks/stripe/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body });
    assert.equal(forged.status, 400);
  } finally {
    // A graceful stop sends the spans not yet sent: no waiting on the batch delay.
    const ended = await tollgate.stop('SIGTERM');
    data.remove();
    assert.equal(ended.code, 0, ended.stderr);
  }
  const spans = exports.flatMap((sent) => sent.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
  const services = exports.flatMap((sent) => sent.resourceSpans.map((resource) => resource.resource.attributes.find((entry) => entry.key === 'service.name')?.value.stringValue));
  assert.ok(services.length > 0 && services.every((name) => name === 'tollgate'), `service names: ${services.join(', ')}`);

  const request = spans.find((span) => span.name === 'POST /webhooks/stripe/:connector');
  assert.ok(request, `no request span among: ${spans.map((span) => span.name).join(', ')}`);
  assert.equal(request.kind, SERVER_KIND);
  assert.equal(request.traceId, traceId, "the request's span continues the caller's trace");
  assert.equal(request.parentSpanId, callerSpanId);
  assert.equal(attribute(request, 'http.response.status_code'), 200);
  assert.equal(attribute(request, 'http.route'), '/webhooks/stripe/:connector');
  assert.equal(attribute(request, 'tollgate.event.id'), 'evt_traced');
  assert.deepEqual(String(attribute(request, 'tollgate.run.ids')).split(',').sort(), [...runs].sort(), 'the delivery names the runs it started');

  const refused = spans.find((span) => span.name === 'POST /webhooks/stripe/:connector' && attribute(span, 'http.response.status_code') === 400);
  assert.ok(refused, 'the forged delivery has its span');
  assert.notEqual(refused.status?.code, ERROR_STATUS, "a refused request (4xx) is the caller's error, not a failed span");

  const step = spans.find((span) => span.name === 'step personalize-orders/email_team');
  assert.ok(step, `no step span among: ${spans.map((span) => span.name).join(', ')}`);
  assert.ok(runs.includes(String(attribute(step, 'tollgate.run.id'))));
  assert.equal(attribute(step, 'tollgate.step.type'), 'action');
  assert.equal(attribute(step, 'tollgate.step.status'), 'succeeded');
  assert.equal(attribute(step, 'tollgate.step.attempt'), 1);
  assert.notEqual(step.status?.code, ERROR_STATUS);
  const call = spans.find((span) => span.name === 'email.send' && span.parentSpanId === step.spanId);
  assert.ok(call, 'the operation the step called is a span under it');
  assert.equal(call.kind, CLIENT_KIND);
  assert.equal(call.traceId, step.traceId);
  assert.match(String(attribute(call, 'tollgate.idempotency_key')), /\S/);

  const callOut = spans.find((span) => span.name === 'step call-out/notify');
  assert.ok(callOut, 'the call-out step has its span');
  const outbound = spans.find((span) => span.name === 'http.request' && span.parentSpanId === callOut.spanId);
  assert.ok(outbound, 'http.request is a client span under its step');
  assert.deepEqual(hookTraceparents, [`00-${outbound.traceId}-${outbound.spanId}-01`], 'the receiver was sent the call span as its traceparent, and continues that trace');

  const failed = spans.find((span) => span.name === 'step mail-nobody/email_nobody');
  assert.ok(failed, `no span for the failing step among: ${spans.map((span) => span.name).join(', ')}`);
  assert.equal(failed.status?.code, ERROR_STATUS);
  assert.equal(attribute(failed, 'tollgate.step.status'), 'failed');
  assert.match(String(attribute(failed, 'error.type')), /\S/);
  assert.match(failed.status?.message ?? '', /to/);
});

void test('OTEL_TRACES_SAMPLER: a share of 0 keeps no trace of its own, and a caller that sampled its traceparent still gets the request span', async () => {
  exports.length = 0;
  const data = tempDir();
  const env = cleanEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0', STRIPE_SECRET_KEY: 'sk_test_tracing', STRIPE_WEBHOOK_SECRET: SECRET, TOLLGATE_OUTBOUND_ALLOW: 'loopback' });
  const file = join(data.path, 'workflows.yaml');
  writeFileSync(file, definitions());
  const tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '--file', file], { env });
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  try {
    assert.match(tollgate.banner, /traces\s+\S+ \(OpenTelemetry, service tollgate, sampler parentbased_traceidratio 0\)/);
    const body = JSON.stringify({ id: 'evt_sampled', object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), livemode: false, data: { object: { id: 'pi_sampled', object: 'payment_intent', amount: 2000, currency: 'usd', metadata: {} } } });
    const response = await fetch(`${tollgate.url}/webhooks/stripe/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET }), traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      body,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const health = await fetch(`${tollgate.url}/healthz`);
    assert.equal(health.status, 200);
  } finally {
    const ended = await tollgate.stop('SIGTERM');
    data.remove();
    assert.equal(ended.code, 0, ended.stderr);
  }
  const spans = exports.flatMap((sent) => sent.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
  assert.deepEqual(
    spans.map((span) => [span.name, span.traceId]),
    [['POST /webhooks/stripe/:connector', traceId]],
    'only the request whose caller sampled it; not the health probe, not the steps',
  );
});
