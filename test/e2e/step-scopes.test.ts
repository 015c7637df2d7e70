import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { waitForRun } from '../support/wait-for-run.ts';

interface RefundOutput {
  id: string;
  charge: string;
  metadata: Record<string, string>;
}

/**
 * Each foreach iteration and each parallel branch is a scope: what a step in
 * it outputs is seen by the later steps of that iteration or branch only.
 * A retrieve-then-refund loop must refund each item's own charge.
 */
void describe('scopes of step outputs: foreach iterations and parallel branches', () => {
  let stack: StripeStack;
  let stripe: Stripe;
  before(async () => {
    stack = await startStripeStack();
    const url = new URL(stack.sandbox.url);
    stripe = new Stripe('sk_test_scopes', { host: url.hostname, port: Number(url.port), protocol: 'http' });
  });
  after(() => stack.close());

  /** A customer with `count` charges (amounts 100, 200, ...), oldest first. */
  const chargesOf = async (email: string, count: number): Promise<{ customer: string; charges: string[] }> => {
    const customer = await stripe.customers.create({ email });
    const charges: string[] = [];
    for (let i = 1; i <= count; i += 1) {
      const intent = await stripe.paymentIntents.create({ amount: i * 100, currency: 'usd', customer: customer.id, confirm: true, payment_method: 'pm_card_visa' });
      const charge = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id;
      assert.ok(charge);
      charges.push(charge);
    }
    return { customer: customer.id, charges };
  };

  const refundsByCharge = async (charges: string[]): Promise<Map<string, Stripe.Refund[]>> => {
    const result = new Map<string, Stripe.Refund[]>();
    for (const charge of charges) result.set(charge, (await stripe.refunds.list({ charge, limit: 100 })).data);
    return result;
  };

  void it('16 iterations at concurrency 8: each refunds the charge it retrieved, and the loop output lists them in order', async () => {
    const { customer, charges } = await chargesOf('sixteen@example.com', 16);
    await stack.apply(`
kind: Workflow
id: refund-each
trigger: { type: manual, input: [{ key: customer, type: text, required: true }] }
steps:
  - id: listed
    type: action
    uses: stripe.charges.list
    with: { customer: "{{ customer }}", limit: 100 }
  - id: each
    type: foreach
    items: "$reverse(listed.data)"
    as: item
    concurrency: 8
    steps:
      - id: charge
        type: action
        uses: stripe.charges.retrieve
        with: { id: "{{ item.id }}" }
      # A pause between the two steps (as a retry or an approval makes): the refund is claimed afresh, not chained.
      - { id: pause, type: wait, for: 20ms }
      - id: refund
        type: action
        uses: stripe.refunds.create
        with: { charge: "{{ charge.id }}", metadata: { item: "{{ item.id }}", index: "{{ item_index }}" } }
`);
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'refund-each', input: { customer } });
    const finished = await waitForRun(stack.system.store, run.id, { timeoutMs: 60_000 });
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    const outputs = finished.variables.each as RefundOutput[];
    assert.equal(outputs.length, 16);
    outputs.forEach((refund, index) => {
      assert.equal(refund.charge, refund.metadata.item, `iteration ${index} refunded its own item's charge`);
      assert.equal(refund.metadata.index, String(index), 'the loop output lists the iterations in order');
    });
    assert.deepEqual(outputs.map((refund) => refund.charge).sort(), [...charges].sort());
    const refunds = await refundsByCharge(charges);
    for (const charge of charges) assert.equal(refunds.get(charge)?.length, 1, `charge ${charge} refunded once`);
    assert.equal(finished.variables.charge, undefined, 'an iteration output does not leak into the run variables');
  });

  void it('parallel branches: each branch refunds the charge its own step retrieved under the same output name', async () => {
    const { charges } = await chargesOf('branches@example.com', 4);
    // Step ids are unique in a workflow; every branch names its retrieved charge `charge` all the same.
    const branch = (charge: string, index: number) => `
      - steps:
          - { id: retrieve_${index}, type: action, uses: stripe.charges.retrieve, with: { id: "${charge}" }, output: charge }
          - { id: pause_${index}, type: wait, for: 10ms }
          - { id: refund_${index}, type: action, uses: stripe.refunds.create, with: { charge: "{{ charge.id }}" } }`;
    await stack.apply(`
kind: Workflow
id: refund-branches
trigger: { type: manual }
steps:
  - id: fanout
    type: parallel
    branches:${charges.map(branch).join('')}
  - id: total
    type: set
    values: { refunded: "{{ fanout.charge }}" }
`);
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'refund-branches', input: {} });
    const finished = await waitForRun(stack.system.store, run.id, { timeoutMs: 60_000 });
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.deepEqual(finished.variables.refunded, charges, 'branch i refunded charge i; the parallel output lists the branches in order');
    const refunds = await refundsByCharge(charges);
    for (const charge of charges) assert.equal(refunds.get(charge)?.length, 1, `charge ${charge} refunded once`);
  });

  void it('nested: an inner iteration sees its own outputs and its enclosing iteration, never a sibling', async () => {
    const first = await chargesOf('nested-a@example.com', 3);
    const second = await chargesOf('nested-b@example.com', 3);
    await stack.apply(`
kind: Workflow
id: refund-nested
trigger: { type: manual, input: [{ key: a, type: text, required: true }, { key: b, type: text, required: true }] }
steps:
  - id: customers
    type: set
    values: { groups: ["{{ a }}", "{{ b }}"] }
  - id: outer
    type: foreach
    items: groups
    as: customer
    concurrency: 2
    steps:
      - id: listed
        type: action
        uses: stripe.charges.list
        with: { customer: "{{ customer }}", limit: 100 }
      - id: label
        type: set
        values: { tag: "group-{{ customer_index }}" }
      - id: inner
        type: foreach
        items: "$reverse(listed.data)"
        as: item
        concurrency: 3
        steps:
          - { id: charge, type: action, uses: stripe.charges.retrieve, with: { id: "{{ item.id }}" } }
          - id: refund
            type: action
            uses: stripe.refunds.create
            with: { charge: "{{ charge.id }}", metadata: { tag: "{{ tag }}", customer: "{{ customer }}" } }
`);
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'refund-nested', input: { a: first.customer, b: second.customer } });
    const finished = await waitForRun(stack.system.store, run.id, { timeoutMs: 60_000 });
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    const outer = finished.variables.outer as RefundOutput[][];
    assert.deepEqual(outer.map((group) => group.map((refund) => refund.charge).sort()), [[...first.charges].sort(), [...second.charges].sort()]);
    assert.deepEqual(outer.map((group) => group.map((refund) => refund.metadata.tag)), [['group-0', 'group-0', 'group-0'], ['group-1', 'group-1', 'group-1']]);
    assert.deepEqual(outer.map((group) => group.map((refund) => refund.metadata.customer)), [Array(3).fill(first.customer), Array(3).fill(second.customer)]);
    const refunds = await refundsByCharge([...first.charges, ...second.charges]);
    for (const [charge, list] of refunds) assert.equal(list.length, 1, `charge ${charge} refunded once`);
  });

  void it('a loop that comes back to the foreach starts its iterations with fresh scopes', async () => {
    await stack.apply(`
kind: Workflow
id: come-back
trigger: { type: manual }
steps:
  - { id: init, type: set, values: { mark: 0 } }
  - id: count
    type: set
    values: { round: "{{ $exists(round) ? round + 1 : 1 }}" }
  - id: loop
    type: foreach
    items: "[1, 2, 3]"
    as: n
    steps:
      - id: check
        type: set
        values: { stale: "{{ mark != 0 }}" }
      - id: remember
        type: set
        values: { mark: "{{ round }}", was_stale: "{{ stale }}" }
  - id: again
    type: decision
    branches: [{ when: "round < 2", next: count }]
    otherwise: done
  - { id: done, type: end, outcome: Twice }
`);
    const run = await invokeWorkflow(stack.system.app, { workflowId: 'come-back', input: {} });
    const finished = await waitForRun(stack.system.store, run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.variables.round, 2);
    assert.equal(finished.variables.mark, 0, 'what the iterations set stayed in their scopes');
    assert.deepEqual(finished.variables.loop, [1, 2, 3].map(() => ({ mark: 2, was_stale: false })));
    const checks = (await stack.system.store.listAttempts(run.id)).filter((attempt) => attempt.stepId === 'check');
    assert.deepEqual(checks.map((attempt) => [attempt.visit, attempt.output]), [1, 1, 1, 2, 2, 2].map((visit) => [visit, { stale: false }]));
  });
});
