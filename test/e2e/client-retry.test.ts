import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import Stripe from 'stripe';
import type { RunBody } from '../../src/server/response-schemas.ts';
import { Role } from '../../src/core/roles.ts';
import { bearer, userWithKey } from '../server/identity-fixtures.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';

const REFUND_YAML = `
kind: Workflow
id: refund-now
trigger:
  type: manual
  input:
    - { key: charge, type: text, required: true }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}" }
  - { id: done, type: end, outcome: Refunded }
`;

/** What the server did when it was about to answer the first call, whose answer it then held back. */
interface HeldAnswer {
  runsWhenHeld: number;
  payload: string;
}

/**
 * Holds back the answer of the first run start until its client has given up
 * (closed the connection): the work is done, the client never hears of it.
 * `onHeld` is told when the answer is ready and held.
 */
function holdFirstAnswer(options: { stack: () => StripeStack; held: HeldAnswer[]; onHeld: () => void }) {
  return (server: StripeStack['server']) => {
    server.addHook('onSend', async (request, _reply, payload) => {
      if (request.method !== 'POST' || request.routeOptions.url !== '/api/v1/workflows/:id/runs' || options.held.length > 0) return payload;
      options.held.push({ runsWhenHeld: await options.stack().system.store.countRuns({ workflowId: 'refund-now' }), payload: String(payload) });
      options.onHeld();
      await closed(request.raw.socket);
      return payload;
    });
  };
}

function closed(socket: Socket): Promise<void> {
  return socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

test('a client that times out and retries with the same Idempotency-Key gets one run and one refund', async () => {
  const held: HeldAnswer[] = [];
  const clientTimeout = new AbortController();
  // The client's timeout fires once the server has done the work and is about to answer: the worst moment.
  const stack: StripeStack = await startStripeStack({ beforeListen: holdFirstAnswer({ stack: () => stack, held, onHeld: () => clientTimeout.abort(new DOMException('the client gave up', 'TimeoutError')) }) });
  try {
    await stack.apply(REFUND_YAML);
    const operator = await userWithKey(stack.system.app, 'ops@example.com', [Role.admin]);
    const sandbox = new URL(stack.sandbox.url);
    const stripe = new Stripe('sk_test_client_retry', { host: sandbox.hostname, port: Number(sandbox.port), protocol: 'http', maxNetworkRetries: 0 });
    const intent = await stripe.paymentIntents.create({ amount: 4200, currency: 'usd', confirm: true, payment_method: 'pm_card_visa' });
    const charge = intent.latest_charge as string;
    const serverUrl = `http://127.0.0.1:${(stack.server.server.address() as { port: number }).port}`;
    const call = (signal?: AbortSignal) =>
      fetch(`${serverUrl}/api/v1/workflows/refund-now/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'refund-ch-once', ...bearer(operator.key) },
        body: JSON.stringify({ input: { charge } }),
        ...(signal === undefined ? {} : { signal }),
      });

    await assert.rejects(call(clientTimeout.signal), (error: Error) => error.name === 'TimeoutError');
    assert.equal(held.length, 1, 'the first call reached the server');
    assert.equal(held[0]!.runsWhenHeld, 1, `and started its run before the client gave up: ${held[0]!.payload}`);

    const retry = await call();
    const text = await retry.text();
    assert.equal(retry.status, 202, text);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(text, held[0]!.payload, 'the first answer, which the client never received');
    const run = (JSON.parse(text) as { run: RunBody }).run;

    stack.system.worker.wake();
    assert.equal((await waitForRun(stack.system.store, run.id)).outcome, 'Refunded');
    await stack.settle();
    assert.equal(await stack.system.store.countRuns({ workflowId: 'refund-now' }), 1, 'one run');
    assert.equal((await stripe.refunds.list({ charge })).data.length, 1, 'one refund');
    assert.equal(stack.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds').length, 1, 'one refund call');
  } finally {
    await stack.close();
  }
});
