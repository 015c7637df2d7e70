// Money never moves before its run is written: an operation that moves money
// cannot claim to write only in its step's commit (commit-only-step.ts), so it
// is never run ahead of the write that starts its run (run-handoff.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripeOperations } from '../../../src/connectors/stripe/index.ts';
import { registryOf, type Operation } from '../../../src/engine/operation.ts';

const refund = stripeOperations().find((operation) => operation.spec.name === 'stripe.refunds.create');

test('the registry refuses an operation that moves money and claims to write only in its commit', () => {
  assert.ok(refund, 'stripe.refunds.create is built in');
  assert.equal(refund.spec.movesMoney, true);
  assert.equal(registryOf([refund]).get('stripe.refunds.create'), refund, 'as built, it registers');
  const claiming: Operation = Object.assign(Object.create(refund) as Operation, { writesOnlyInCommit: () => true });
  assert.throws(() => registryOf([claiming]), /stripe\.refunds\.create moves money, so it cannot write only in its commit/);
});

test('no built-in operation that moves money claims to write only in its commit', () => {
  const moving = stripeOperations().filter((operation) => operation.spec.movesMoney === true);
  assert.ok(moving.length >= 2, `refunds and credit notes at least: ${moving.map((operation) => operation.spec.name).join(', ')}`);
  for (const operation of moving) assert.equal('writesOnlyInCommit' in operation, false, operation.spec.name);
});
