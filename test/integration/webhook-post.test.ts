import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/core/clock.ts';
import { PermanentError, TransientError } from '../../src/core/errors.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import type { OperationContext } from '../../src/engine/operation.ts';
import { createWebhookPostOperation, type WebhookInboxOutput, type WebhookPostOutput } from '../../src/connectors/webhook/index.ts';
import { createTestSystem } from '../support/test-system.ts';
import { outboundPolicy } from '../../src/connectors/net/index.ts';

// Every call here has a URL: keeping a message in the inbox would be a bug.
const webhookPostOperation = createWebhookPostOperation({
  inbox: { keepOnce: () => Promise.reject(new Error('kept in the inbox although a URL is configured')) },
  outbound: outboundPolicy({ allow: 'loopback' }),
});

const SECRET = `whsec_${Buffer.from('a-32-byte-long-secret-for-tests!').toString('base64')}`;

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A receiver that verifies signatures the way a Standard Webhooks consumer does, then answers from a script. */
async function startReceiver(): Promise<{ url: string; received: { path: string; headers: IncomingHttpHeaders; body: string; valid: boolean }[]; script(answers: Answer[]): void; close(): Promise<void> }> {
  const received: { path: string; headers: IncomingHttpHeaders; body: string; valid: boolean }[] = [];
  let answers: Answer[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ path: req.url ?? '', headers: req.headers, body, valid: verify(req.headers, body) });
      const answer = answers.shift() ?? { status: 200, body: '{"ok":true}', headers: { 'content-type': 'application/json' } };
      res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (next) => {
      answers = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function verify(headers: IncomingHttpHeaders, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

void describe('webhook.post', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  const context = (config: Record<string, unknown> = {}, key = 'tg:run_hook:post'): OperationContext => ({
    idempotencyKey: key,
    connector: { id: 'partner', type: 'webhook', config: { url: `${receiver.url}/hooks/tollgate`, secret: SECRET, ...config } },
    signal: new AbortController().signal,
    runId: 'run_hook',
    stepPath: 'post',
    clock,
  });

  before(async () => {
    receiver = await startReceiver();
  });
  beforeEach(() => {
    receiver.received.length = 0;
  });
  after(() => receiver.close());

  void it('sends a JSON body signed per Standard Webhooks, with the idempotency key as webhook-id', async () => {
    const output = (await webhookPostOperation.execute({ body: { type: 'refund.created', amount: 1999 }, headers: { 'X-Tenant': 'acme' } }, context())) as WebhookPostOutput;
    assert.deepEqual(output.body, { ok: true });
    assert.equal(output.status, 200);
    const [request] = receiver.received;
    assert.ok(request);
    assert.equal(request.valid, true, 'the receiver verifies the signature');
    assert.equal(request.path, '/hooks/tollgate');
    assert.equal(request.body, '{"type":"refund.created","amount":1999}');
    assert.equal(request.headers['webhook-id'], 'tg:run_hook:post');
    assert.equal(request.headers['webhook-timestamp'], String(Date.parse('2026-03-01T12:00:00Z') / 1000));
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['x-tenant'], 'acme');
  });

  void it('resolves a path against the connector url; a wrong secret does not verify', async () => {
    await webhookPostOperation.execute({ body: [1, 2], url: '/other?x=1' }, context({ secret: 'whsec_d3Jvbmc=' }));
    assert.equal(receiver.received[0]?.path, '/other?x=1');
    assert.equal(receiver.received[0]?.valid, false);
  });

  void it('treats 500 as transient, then succeeds with the same webhook-id', async () => {
    receiver.script([{ status: 500, body: 'boom' }]);
    await assert.rejects(webhookPostOperation.execute({ body: { n: 1 } }, context()), (error: unknown) => {
      assert.ok(error instanceof TransientError);
      assert.equal(error.code, 'webhook_500');
      assert.deepEqual(error.details, { status: 500, body: 'boom' });
      return true;
    });
    const output = (await webhookPostOperation.execute({ body: { n: 1 } }, context())) as WebhookPostOutput;
    assert.equal(output.status, 200);
    assert.deepEqual(receiver.received.map((request) => [request.headers['webhook-id'], request.valid]), [
      ['tg:run_hook:post', true],
      ['tg:run_hook:post', true],
    ]);
  });

  void it('honours Retry-After on 429, and fails permanently on other 4xx with the response', async () => {
    receiver.script([{ status: 429, headers: { 'retry-after': '12' } }, { status: 422, headers: { 'content-type': 'application/json' }, body: '{"error":"bad payload"}' }]);
    await assert.rejects(webhookPostOperation.execute({ body: {} }, context()), (error: unknown) => error instanceof TransientError && error.retryAfterMs === 12_000);
    await assert.rejects(webhookPostOperation.execute({ body: {} }, context()), (error: unknown) => {
      assert.ok(error instanceof PermanentError);
      assert.equal(error.code, 'webhook_422');
      assert.deepEqual(error.details, { status: 422, body: { error: 'bad payload' } });
      return true;
    });
  });

  void it('treats a refused connection as transient and a missing secret as permanent', async () => {
    await assert.rejects(webhookPostOperation.execute({ body: {} }, context({ url: 'http://127.0.0.1:1/' })), (error: unknown) => error instanceof TransientError && error.code === 'webhook_network_error');
    await assert.rejects(webhookPostOperation.execute({ body: {} }, context({ secret: '' })), (error: unknown) => error instanceof PermanentError && error.code === 'webhook_config_invalid');
    assert.equal(receiver.received.length, 0);
  });

  void it('retries through the engine: 500 then 200, with the secret from the environment', async () => {
    const t = await createTestSystem({ env: { PARTNER_SECRET: SECRET } });
    try {
      receiver.script([{ status: 500 }]);
      await t.apply(`
kind: Connector
id: partner
type: webhook
config: { url: "${receiver.url}/hooks", secret: "{{ env.PARTNER_SECRET }}" }
---
kind: Workflow
id: notify-partner
trigger: { type: manual }
steps:
  - id: post
    type: action
    uses: webhook.post
    with: { body: { run: "{{ run.id }}", event: refund.created } }
    retry: { attempts: 3, backoff: 10ms, max_delay: 50ms }
  - id: done
    type: end
    outcome: Posted
`);
      const run = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'notify-partner', input: {} })).id);
      assert.equal(run.status, 'succeeded');
      assert.equal((run.variables.post as WebhookPostOutput).status, 200);
      assert.deepEqual(receiver.received.map((request) => [request.headers['webhook-id'], request.valid, (JSON.parse(request.body) as { run: string }).run]), [
        [`tg:${run.id}:post`, true, run.id],
        [`tg:${run.id}:post`, true, run.id],
      ]);
      const attempts = await t.system.store.listAttempts(run.id);
      assert.deepEqual(attempts.filter((a) => a.stepId === 'post').map((a) => [a.status, a.error?.code ?? null]), [
        ['retrying', 'webhook_500'],
        ['succeeded', null],
      ]);
    } finally {
      await t.close();
    }
  });

  const PARTNER = `
kind: Connector
id: partner
type: webhook
config: { url: "{{ env.PARTNER_URL }}", secret: "{{ env.PARTNER_SECRET }}", headers: { x-tenant: acme } }
---
kind: Workflow
id: notify-partner
trigger: { type: manual }
steps:
  - id: post
    type: action
    uses: webhook.post
    with: { body: { run: "{{ run.id }}", event: refund.created }, url: /refunds }
  - id: done
    type: end
    outcome: Posted
`;

  void it('with no URL configured (its variable unset) keeps the message in the inbox, once per webhook-id, and posts nothing', async () => {
    const t = await createTestSystem({ env: {} });
    try {
      await t.apply(PARTNER);
      const run = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'notify-partner', input: {} })).id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      const output = run.variables.post as WebhookInboxOutput;
      assert.deepEqual({ status: output.status, created: output.created }, { status: 202, created: true });
      const page = await t.system.app.webhookInbox.list();
      assert.deepEqual(
        page.items.map((message) => ({ id: message.id, webhookId: message.webhookId, connector: message.connectorId, run: message.runId, step: message.stepPath, path: message.path, headers: message.headers, body: message.body, reason: message.reason })),
        [{ id: output.inbox_id, webhookId: `tg:${run.id}:post`, connector: 'partner', run: run.id, step: 'post', path: '/refunds', headers: { 'x-tenant': 'acme' }, body: { run: run.id, event: 'refund.created' }, reason: 'PARTNER_URL is not set' }],
      );
      // A re-run of the step (same webhook-id) finds its message instead of keeping another.
      const operation = t.system.engine.operations.get('webhook.post');
      assert.ok(operation);
      const again = (await operation.execute(
        { body: { run: run.id, event: 'refund.created' } },
        { ...context({}, `tg:${run.id}:post`), connector: { id: 'partner', type: 'webhook', config: {}, unsetEnv: { url: 'PARTNER_URL', secret: 'PARTNER_SECRET' } } },
      )) as WebhookInboxOutput;
      assert.deepEqual({ id: again.inbox_id, created: again.created }, { id: output.inbox_id, created: false });
      assert.equal((await t.system.app.webhookInbox.list()).items.length, 1);
      assert.equal(receiver.received.length, 0);
    } finally {
      await t.close();
    }
  });

  void it('with a URL but no secret fails with connector_secret_missing, naming the variable', async () => {
    const t = await createTestSystem({ env: { PARTNER_URL: receiver.url } });
    try {
      await t.apply(PARTNER);
      const run = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'notify-partner', input: {} })).id);
      assert.equal(run.status, 'failed');
      assert.equal(run.error?.code, 'connector_secret_missing');
      assert.match(run.error?.message ?? '', /PARTNER_SECRET/);
      assert.equal((await t.system.app.webhookInbox.list()).items.length, 0);
      assert.equal(receiver.received.length, 0);
    } finally {
      await t.close();
    }
  });
});
