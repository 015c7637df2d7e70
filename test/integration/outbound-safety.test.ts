import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefinitions } from '../../src/application/apply-definitions.ts';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { PermanentError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createHttpRequestOperation } from '../../src/connectors/http/http-request-operation.ts';
import { outboundPolicy } from '../../src/connectors/net/index.ts';
import { createWebhookPostOperation } from '../../src/connectors/webhook/index.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import type { OperationContext } from '../../src/engine/operation.ts';
import { readConfig } from '../../src/system/config.ts';
import { TollgateSystem } from '../../src/system/tollgate-system.ts';
import { startScriptedServer } from '../support/scripted-server.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { createTestSystem } from '../support/test-system.ts';
import { waitForRun } from '../support/wait-for-run.ts';

const TOKEN = 'tok_live_secret_value';
const API_KEY = 'key_live_secret_value';
const WEBHOOK_SECRET = `whsec_${Buffer.from('a-32-byte-long-secret-for-tests!').toString('base64')}`;

void describe('outbound calls keep credentials at home', () => {
  let billing: Awaited<ReturnType<typeof startScriptedServer>>;
  let elsewhere: Awaited<ReturnType<typeof startScriptedServer>>;
  before(async () => {
    billing = await startScriptedServer();
    elsewhere = await startScriptedServer();
  });
  after(async () => {
    await billing.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    billing.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  void it('sends an http connector\'s token and headers under its base_url only, through the engine', async () => {
    const t = await createTestSystem({ env: { BILLING_TOKEN: TOKEN, BILLING_KEY: API_KEY } });
    try {
      await t.apply(`
kind: Connector
id: billing
type: http
config: { base_url: "${billing.url}/api/", bearer_token: "{{ env.BILLING_TOKEN }}", headers: { x-api-key: "{{ env.BILLING_KEY }}" } }
---
kind: Workflow
id: calls
trigger: { type: manual }
steps:
  - { id: home, type: action, uses: http.request, with: { url: charges, method: POST, body: { n: 1 } } }
  - { id: other_host, type: action, uses: http.request, with: { url: "${elsewhere.url}/collect", method: POST, body: { n: 2 } } }
  - { id: outside_path, type: action, uses: http.request, with: { url: /admin } }
  - { id: done, type: end, outcome: Called }
`);
      const run = await t.waitForRun((await invokeWorkflow(t.system.app, { workflowId: 'calls', input: {} })).id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
      assert.deepEqual(
        billing.requests.map((request) => [request.path, request.headers.authorization ?? null, request.headers['x-api-key'] ?? null]),
        [
          ['/api/charges', `Bearer ${TOKEN}`, API_KEY],
          ['/admin', null, null],
        ],
      );
      assert.equal(elsewhere.requests.length, 1);
      const [leaked] = elsewhere.requests;
      assert.equal(leaked?.headers.authorization, undefined, 'the other host saw no Authorization');
      assert.equal(leaked?.headers['x-api-key'], undefined);
      assert.doesNotMatch(JSON.stringify(leaked), new RegExp(`${TOKEN}|${API_KEY}`));
    } finally {
      await t.close();
    }
  });

  void it('signs webhook.post for the connector URL\'s origin only: another host gets it unsigned, without the connector headers', async () => {
    const webhook = createWebhookPostOperation({ inbox: { keepOnce: () => Promise.reject(new Error('not kept')) }, outbound: outboundPolicy({ allow: 'loopback' }) });
    const context: OperationContext = {
      idempotencyKey: 'tg:run_x:post',
      connector: { id: 'partner', type: 'webhook', config: { url: `${billing.url}/hooks`, secret: WEBHOOK_SECRET, headers: { 'x-partner-key': API_KEY } } },
      signal: new AbortController().signal,
      runId: 'run_x',
      stepPath: 'post',
      clock: new ManualClock(new Date('2026-03-01T12:00:00Z')),
    };
    await webhook.execute({ body: { n: 1 } }, context);
    await webhook.execute({ body: { n: 2 }, url: '/hooks/other' }, context);
    await webhook.execute({ body: { n: 3 }, url: `${elsewhere.url}/hooks` }, context);
    assert.deepEqual(
      billing.requests.map((request) => [request.path, typeof request.headers['webhook-signature'], request.headers['x-partner-key'] ?? null]),
      [
        ['/hooks', 'string', API_KEY],
        ['/hooks/other', 'string', API_KEY],
      ],
    );
    const [unsigned] = elsewhere.requests;
    assert.equal(unsigned?.headers['webhook-signature'], undefined);
    assert.equal(unsigned?.headers['x-partner-key'], undefined);
    assert.equal(unsigned?.headers['webhook-id'], 'tg:run_x:post');
  });

  void it('refuses an http connector with credentials and no base_url, before any call', async () => {
    const http = createHttpRequestOperation({ outbound: outboundPolicy({ allow: 'loopback' }) });
    await assert.rejects(
      http.execute(
        { url: `${elsewhere.url}/x` },
        { idempotencyKey: 'k', connector: { id: 'tickets', type: 'http', config: { bearer_token: TOKEN } }, signal: new AbortController().signal, runId: 'r', stepPath: 's', clock: new ManualClock(new Date()) },
      ),
      (error: unknown) => error instanceof PermanentError && error.code === 'http_config_invalid' && error.path === 'connectors.tickets.config.base_url',
    );
    assert.equal(elsewhere.requests.length, 0);
  });
});

void describe('outbound calls with the production configuration', () => {
  void it('fail a step that calls loopback with outbound_address_refused, naming the variable to set', async () => {
    const server = await startScriptedServer();
    const database = await createTestDatabase();
    const config = { ...readConfig({}), databaseUrl: database.databaseUrl, dataDir: database.dataDir, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' as const, auth: 'off' as const };
    const system = await TollgateSystem.open({ config, logger: silentLogger, worker: { pollMs: 20 } });
    try {
      await system.startWorker();
      await applyDefinitions(
        system.app,
        parseDocuments(`
kind: Workflow
id: internal
trigger: { type: manual }
steps:
  - { id: call, type: action, uses: http.request, with: { url: "${server.url}/x" }, retry: { attempts: 3, backoff: 10ms } }
  - { id: done, type: end, outcome: Called }
`),
      );
      const run = await waitForRun(system.store, (await invokeWorkflow(system.app, { workflowId: 'internal', input: {} })).id);
      assert.equal(run.status, 'failed');
      assert.equal(run.error?.code, 'outbound_address_refused');
      assert.match(run.error?.message ?? '', /127\.0\.0\.1 is a loopback address.*TOLLGATE_OUTBOUND_ALLOW/);
      const attempts = await system.store.listAttempts(run.id);
      assert.equal(attempts.filter((attempt) => attempt.stepId === 'call').length, 1, 'a refusal is permanent: no retry');
      assert.equal(server.requests.length, 0);
    } finally {
      await system.close();
      await database.drop();
      await server.close();
    }
  });
});
