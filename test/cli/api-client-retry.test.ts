import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiRequest, type ServerConnection } from '../../src/cli/api-client.ts';
import type { TollgateError } from '../../src/core/errors.ts';
import { startScriptedServer } from '../support/scripted-server.ts';
import { deadServerUrl } from './cli-process.ts';

const RUN = { run: { id: 'run_1' } };
const connectionTo = (serverUrl: string, timeoutMs = 30_000): ServerConnection => ({
  serverUrl,
  apiKey: undefined,
  timeoutMs,
  invocationKey: 'tollgate-cli-invocation-1',
  retry: { retries: 3, firstDelayMs: 1 },
});
const invoke = { method: 'POST', path: '/api/v1/workflows/refund/runs', body: { json: { input: { charge: 'ch_1' } } }, idempotent: true } as const;

test('a run start that times out is sent again with the same Idempotency-Key, derived from the invocation key', async () => {
  const server = await startScriptedServer();
  try {
    // The first call reaches the server and is never answered; the client times out and tries again.
    server.script('/api/v1/workflows/refund/runs', [{ status: 202, fault: 'hang' }, ...Array.from({ length: 3 }, () => ({ status: 202, body: RUN }))]);
    const answer = await apiRequest(connectionTo(server.url, 1000), invoke);
    assert.deepEqual(answer, RUN);
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    assert.ok(keys.length >= 2, 'sent again after the timeout');
    assert.equal(new Set(keys).size, 1, 'every retry sends the same key');
    assert.match(String(keys[0]), /^tollgate-cli-invocation-1-[0-9a-f]{16}$/);
    assert.equal(server.requests[1]?.body, server.requests[0]?.body);
  } finally {
    await server.close();
  }
});

test('a dropped connection and an answer "still in use" are retried with the same key until the first answer comes', async () => {
  const server = await startScriptedServer();
  try {
    const inUse = { error: { code: 'idempotency_key_in_use', message: 'the first call still runs' } };
    server.script('/api/v1/workflows/refund/runs', [{ status: 202, fault: 'drop' }, { status: 409, body: inUse }, { status: 202, body: RUN, headers: { 'idempotent-replayed': 'true' } }]);
    assert.deepEqual(await apiRequest(connectionTo(server.url), invoke), RUN);
    assert.equal(server.requests.length, 3);
    assert.equal(new Set(server.requests.map((request) => request.headers['idempotency-key'])).size, 1);
  } finally {
    await server.close();
  }
});

test('the retries end: after the last one the network error is reported', async () => {
  const server = await startScriptedServer();
  try {
    server.script('/api/v1/workflows/refund/runs', Array.from({ length: 5 }, () => ({ status: 202, fault: 'drop' as const })));
    await assert.rejects(apiRequest(connectionTo(server.url), invoke), (error: TollgateError) => error.code === 'server_unreachable');
    assert.equal(server.requests.length, 4, 'the first try and 3 retries');
  } finally {
    await server.close();
  }
});

test('a POST whose route takes no idempotency key is not sent again once it may have reached the server', async () => {
  const server = await startScriptedServer();
  try {
    server.script('/api/v1/api-keys', [{ status: 201, fault: 'drop' }, { status: 201, body: { api_key: {} } }]);
    await assert.rejects(apiRequest(connectionTo(server.url), { method: 'POST', path: '/api/v1/api-keys', body: { json: { name: 'ci' } } }), (error: TollgateError) => error.code === 'server_unreachable');
    assert.equal(server.requests.length, 1);
    assert.ok(server.requests[0]?.headers['idempotency-key'], 'it still carries a key');
  } finally {
    await server.close();
  }
});

test('distinct POSTs of one invocation get distinct keys; GETs none', async () => {
  const server = await startScriptedServer();
  try {
    const connection = connectionTo(server.url);
    await apiRequest(connection, { method: 'POST', path: '/api/v1/runs/run_1/cancel', idempotent: true });
    await apiRequest(connection, { method: 'POST', path: '/api/v1/runs/run_2/cancel', idempotent: true });
    await apiRequest(connection, invoke);
    await apiRequest(connection, { ...invoke, body: { json: { input: { charge: 'ch_2' } } } });
    await apiRequest(connection, { method: 'GET', path: '/api/v1/runs' });
    const keys = server.requests.map((request) => request.headers['idempotency-key']);
    assert.equal(new Set(keys.slice(0, 4)).size, 4);
    assert.ok(keys.slice(0, 4).every((key) => String(key).startsWith('tollgate-cli-invocation-1-')));
    assert.equal(keys[4], undefined);
  } finally {
    await server.close();
  }
});

test('a refused connection, over http or https, is reported as server_unreachable naming the server', async () => {
  const dead = await deadServerUrl();
  for (const serverUrl of [dead, dead.replace('http:', 'https:')]) {
    await assert.rejects(
      apiRequest(connectionTo(serverUrl), { method: 'POST', path: '/api/v1/api-keys', body: { json: { name: 'ci' } } }),
      (error: TollgateError) => error.code === 'server_unreachable' && error.message.includes(serverUrl),
    );
  }
});

test('a redirect is not followed: the error names where it points, and the API key is sent nowhere else', async () => {
  const server = await startScriptedServer();
  try {
    server.script('/api/v1/runs', [{ status: 301, headers: { location: 'https://tollgate.example.com/api/v1/runs' } }]);
    await assert.rejects(
      apiRequest({ ...connectionTo(server.url), apiKey: 'tg_secret' }, { method: 'GET', path: '/api/v1/runs' }),
      (error: TollgateError) => error.code === 'http_301' && error.message.includes('https://tollgate.example.com/api/v1/runs'),
    );
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer tg_secret');
  } finally {
    await server.close();
  }
});

test('an answer is read whole: status, JSON body, and an error body with its code', async () => {
  const server = await startScriptedServer();
  try {
    const runs = { runs: Array.from({ length: 500 }, (_, index) => ({ id: `run_${index}`, note: 'é'.repeat(50) })) };
    server.script('/api/v1/runs', [{ status: 200, body: runs }, { status: 404, body: { error: { code: 'run_not_found', message: 'no run run_9' } } }]);
    assert.deepEqual(await apiRequest(connectionTo(server.url), { method: 'GET', path: '/api/v1/runs', query: { limit: 500, status: undefined } }), runs);
    await assert.rejects(apiRequest(connectionTo(server.url), { method: 'GET', path: '/api/v1/runs' }), (error: TollgateError) => error.code === 'run_not_found');
  } finally {
    await server.close();
  }
});
