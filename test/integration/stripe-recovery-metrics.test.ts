// The recovery sweep's counters (system/stripe-recovery-sweeps.ts) are on /metrics from the moment recovery
// watches a connector, at 0: a counter first seen at 1 is no increase to Prometheus, so an alert on the
// first failed sweep after a restart would never fire.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../../src/core/logger.ts';
import { stripeRecoverySweeps } from '../../src/system/stripe-recovery-sweeps.ts';
import { closedPort } from '../support/closed-port.ts';
import { sandboxConnector } from '../support/stripe-stack.ts';
import { createTestSystem } from '../support/test-system.ts';

test('the recovery counters of a watched connector start at 0, before any sweep took in or failed anything', async () => {
  const stripe = { ...sandboxConnector(`http://127.0.0.1:${await closedPort()}`, 'whsec_test'), id: 'payments' };
  const tollgate = await createTestSystem({ builtInConnectors: [stripe] });
  const { system } = tollgate;
  try {
    const before = (await system.app.metrics.render()).text;
    assert.doesNotMatch(before, /^tollgate_stripe_events_recovered_total\{/m, 'no connector is watched yet');
    // A new installation's first sweep only marks the time: it asks Stripe nothing and counts nothing.
    await stripeRecoverySweeps(system, silentLogger).sweepAll();
    const text = (await system.app.metrics.render()).text;
    assert.match(text, /^tollgate_stripe_events_recovered_total\{connector="payments",how="sweep"\} 0$/m);
    assert.match(text, /^tollgate_stripe_events_recovered_total\{connector="payments",how="on_demand"\} 0$/m);
    assert.match(text, /^tollgate_stripe_recovery_failures_total\{connector="payments"\} 0$/m);
  } finally {
    await tollgate.close();
  }
});
