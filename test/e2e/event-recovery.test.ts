/**
 * Stripe events that never reached Tollgate are taken in from the Events API:
 * by webhook mode's sweep (after downtime, or once Stripe gave up), and on
 * demand through POST /api/v1/events/recover. Against the sandbox over HTTP,
 * with its only webhook endpoint down, so every delivery fails as it would
 * while Tollgate is down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { silentLogger } from '../../src/core/logger.ts';
import type { StripeEvent } from '../../src/sandbox/index.ts';
import { stripeRecoverySweeps } from '../../src/system/stripe-recovery-sweeps.ts';
import { StripeEventRecoverySweep, SWEEP_OVERLAP_MS } from '../../src/triggers/stripe-event-recovery-sweep.ts';
import { closedPort } from '../support/closed-port.ts';
import { startStripeStack, type StripeStack } from '../support/stripe-stack.ts';
import { bearer, userWithKey } from '../server/identity-fixtures.ts';

const WORKFLOW = `
kind: Workflow
id: note-payments
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - { id: note, type: set, values: { amount: "{{ object.amount }}" } }
---
kind: Workflow
id: note-connected-payments
trigger: { type: event, event: payment_intent.succeeded, account: connected }
steps:
  - { id: note, type: set, values: { amount: "{{ object.amount }}" } }
`;

interface RecoverAnswer {
  connector: string;
  scope: string;
  preview: boolean;
  listed: number;
  already_stored: number;
  missing: number;
  accounts: string[];
  events: { id: string; type: string; account: string | null; created: number; runs: string[] }[];
}

void describe('recovering Stripe events that were not delivered', () => {
  let stack: StripeStack;
  let editor: string;
  let viewer: string;

  before(async () => {
    stack = await startStripeStack({ deliverWebhooks: false });
    stack.sandbox.addEndpoint({ url: `http://127.0.0.1:${await closedPort()}/webhooks/stripe/stripe`, secret: stack.webhookSecret });
    await stack.apply(WORKFLOW);
    editor = (await userWithKey(stack.system.app, 'ops@example.com', ['editor'])).key;
    viewer = (await userWithKey(stack.system.app, 'look@example.com', ['viewer'])).key;
  });
  after(() => stack.close());

  /** Payments whose events Stripe tries to deliver, and gives up on: the endpoint is down. */
  const undeliveredPayments = async (count: number): Promise<StripeEvent[]> => {
    const events = Array.from({ length: count }, (_, index) => stack.sandbox.trigger('payment_intent.succeeded', { amount: 1000 + index, currency: 'usd' }));
    await stack.sandbox.idle();
    return events;
  };
  const runsOf = async () => (await stack.system.store.listRuns({ workflowId: 'note-payments', limit: 100 })).runs;
  const recover = (body: object, key = editor, headers: Record<string, string> = {}) =>
    stack.server.inject({ method: 'POST', url: '/api/v1/events/recover', headers: { ...bearer(key), ...headers }, payload: body });
  const sweepOf = (now: () => Date) =>
    new StripeEventRecoverySweep({
      stripe: () => stack.system.app.stripeClientOf('stripe'),
      intake: stack.system.app.stripeIntake,
      events: stack.system.app.events,
      connectorId: 'stripe',
      clock: { now },
      logger: silentLogger,
    });

  void it("the sweep's first look only marks the time; after that it takes in each undelivered event once, and starts its run", async () => {
    const sweep = sweepOf(() => new Date());
    const [before] = await undeliveredPayments(1);
    // Marked a second after the event: the event is from before Tollgate watched.
    const marked = sweepOf(() => new Date(((before?.created ?? 0) + 1) * 1000));
    assert.equal(await marked.sweep(), undefined, 'the first sweep takes nothing in');
    assert.equal(await stack.system.app.events.getCursor(sweep.cursorName), new Date(((before?.created ?? 0) + 1) * 1000).toISOString());

    await waitForNextSecond(((before?.created ?? 0) + 1) * 1000);
    const missed = await undeliveredPayments(3);
    const report = await sweep.sweep();
    assert.ok(report !== undefined);
    // A payment also makes payment_intent.created, charge.succeeded... events: they are taken in too, and start nothing.
    const payments = report.missing.filter((event) => event.type === 'payment_intent.succeeded');
    assert.deepEqual(new Set(payments.map((event) => event.id)), new Set(missed.map((event) => event.id)), 'the three missed payments, and not the one from before');
    assert.equal(report.missingCount, report.missing.length);
    for (const event of payments) assert.equal(event.runs.length, 1, `${event.id} started its run`);
    const stored = await Promise.all(missed.map((event) => stack.system.app.events.get(event.id)));
    assert.deepEqual(stored.map((event) => event?.source), ['recovery', 'recovery', 'recovery']);
    assert.equal(await stack.system.app.events.get(before?.id ?? ''), undefined);
    const cursor = async () => (await stack.system.app.events.getCursor(sweep.cursorName)) ?? '';
    assert.equal(await cursor(), new Date(((before?.created ?? 0) + 1) * 1000).toISOString(), 'a window younger than the overlap is looked at again whole');

    const again = await sweep.sweep();
    assert.equal(again?.missingCount, 0, 'Stripe still lists them as undelivered, but they are held: nothing is taken twice');
    assert.equal(again?.alreadyStored, report.missingCount);
    const anHourOn = new Date(Date.now() + 3_600_000);
    assert.equal((await sweepOf(() => anHourOn).sweep())?.missingCount, 0);
    assert.equal(await cursor(), new Date(anHourOn.getTime() - SWEEP_OVERLAP_MS).toISOString(), 'the next window starts a little before the last sweep');
    await stack.settle();
    const runs = await runsOf();
    assert.equal(runs.length, 3);
    assert.deepEqual(runs.map((run) => run.status), ['succeeded', 'succeeded', 'succeeded']);
  });

  void it('POST /api/v1/events/recover previews, takes in, and answers the same to a repeated key', async () => {
    const missed = await undeliveredPayments(2);
    const since = new Date((Math.min(...missed.map((event) => event.created)) - 1) * 1000).toISOString();
    const runsBefore = (await runsOf()).length;

    const preview = await recover({ since, preview: true });
    assert.equal(preview.statusCode, 200, preview.body);
    const previewed = JSON.parse(preview.body) as RecoverAnswer;
    const paymentsOf = (answer: RecoverAnswer) => answer.events.filter((event) => event.type === 'payment_intent.succeeded');
    assert.deepEqual([previewed.connector, previewed.scope, previewed.preview, previewed.missing], ['stripe', 'undelivered', true, previewed.events.length]);
    // The window starts a second before these payments (Stripe's `created` counts seconds): an earlier test's event may share it.
    const named = new Set(paymentsOf(previewed).map((event) => event.id));
    assert.ok(missed.every((event) => named.has(event.id)), 'the preview names each missed payment');
    assert.ok(previewed.events.every((event) => event.runs.length === 0));
    assert.equal((await runsOf()).length, runsBefore, 'a preview starts nothing');
    assert.equal(await stack.system.app.events.get(missed[0]?.id ?? ''), undefined, 'a preview stores nothing');

    const taken = await recover({ since }, editor, { 'idempotency-key': 'recover-after-outage' });
    assert.equal(taken.statusCode, 200, taken.body);
    const answer = JSON.parse(taken.body) as RecoverAnswer;
    assert.equal(answer.missing, previewed.missing, 'what the preview named');
    assert.equal(paymentsOf(answer).length, named.size);
    assert.ok(paymentsOf(answer).every((event) => event.runs.length === 1));
    const replayed = await recover({ since }, editor, { 'idempotency-key': 'recover-after-outage' });
    assert.equal(replayed.body, taken.body, 'the same key answers the first answer');
    const later = JSON.parse((await recover({ since })).body) as RecoverAnswer;
    assert.equal(later.missing, 0, 'a second recovery finds them held');
    assert.ok(later.already_stored >= answer.missing);
    assert.equal((await runsOf()).length, runsBefore + named.size);

    assert.match((await stack.system.app.metrics.render()).text, new RegExp(`^tollgate_stripe_events_recovered_total\\{connector="stripe",how="on_demand"\\} ${answer.missing}$`, 'm'));
    const audit = await stack.system.store.audit.list({ actions: ['events.recovered'] }, { limit: 10 });
    const entry = audit.items.find((item) => item.detail.taken === answer.missing);
    assert.ok(entry, 'the recovery is in the audit trail');
    assert.deepEqual([entry.actor.id, entry.target], ['ops@example.com', { type: 'connector', id: 'stripe' }]);
  });

  void it('the sweeps of tollgate start count what they take in, and a sweep that cannot reach Stripe is counted and tried again', async () => {
    // The last test's sweep ran an hour ahead: its mark is in the future, as after a clock that ran ahead. It counts as now.
    const sweeps = stripeRecoverySweeps(stack.system, silentLogger);
    await sweeps.sweepAll();
    const missed = await undeliveredPayments(1);
    await sweeps.sweepAll();
    assert.equal((await stack.system.app.events.get(missed[0]?.id ?? ''))?.source, 'recovery');
    assert.match((await stack.system.app.metrics.render()).text, /^tollgate_stripe_events_recovered_total\{connector="stripe",how="sweep"\} [1-9]\d*$/m);

    const failures: string[] = [];
    const broken = new StripeEventRecoverySweep({
      stripe: () => Promise.reject(new Error('Stripe is unreachable')),
      intake: stack.system.app.stripeIntake,
      events: stack.system.app.events,
      connectorId: 'stripe',
      clock: { now: () => new Date() },
      logger: silentLogger,
      observe: { recovered: () => failures.push('recovered'), failed: () => failures.push('failed') },
    });
    const before = await stack.system.app.events.getCursor(broken.cursorName);
    assert.equal(await broken.sweep(), undefined);
    assert.deepEqual(failures, ['failed']);
    assert.equal(await stack.system.app.events.getCursor(broken.cursorName), before, 'a failed sweep leaves its window to the next one');
  });

  void it('scope all also finds events Stripe delivered elsewhere but Tollgate never received', async () => {
    // As after the endpoint was disabled: Stripe did not try it, so the event does not count as undelivered.
    const quiet = stack.sandbox.sendEvent({ id: 'evt_never_sent', object: 'event', type: 'payment_intent.succeeded', pending_webhooks: 0, data: { object: { id: 'pi_quiet', object: 'payment_intent', amount: 4200, currency: 'usd' } } });
    const since = new Date((quiet.created - 1) * 1000).toISOString();
    const undelivered = JSON.parse((await recover({ since, preview: true })).body) as RecoverAnswer;
    assert.ok(!undelivered.events.some((event) => event.id === quiet.id), 'not among the undelivered');
    const all = JSON.parse((await recover({ since, scope: 'all' })).body) as RecoverAnswer;
    assert.ok(all.events.some((event) => event.id === quiet.id && event.runs.length === 1), 'scope all takes it in');
  });

  void it("reads the connected accounts it is given as each of them, since the platform's listing leaves their events out", async () => {
    const connected = stack.sandbox.trigger('payment_intent.succeeded', { amount: 7700, currency: 'usd', account: 'acct_shop1' });
    await stack.sandbox.idle();
    const since = new Date((connected.created - 1) * 1000).toISOString();
    const platformOnly = JSON.parse((await recover({ since, preview: true })).body) as RecoverAnswer;
    assert.ok(!platformOnly.events.some((event) => event.id === connected.id), "the platform's own listing does not name it");

    const taken = await recover({ since, accounts: ['acct_shop1'] });
    assert.equal(taken.statusCode, 200, taken.body);
    const answer = JSON.parse(taken.body) as RecoverAnswer;
    assert.deepEqual(answer.accounts, ['acct_shop1']);
    const event = answer.events.find((item) => item.id === connected.id);
    assert.equal(event?.account, 'acct_shop1');
    assert.equal(event?.runs.length, 1, 'its Connect workflow started');
    const stored = await stack.system.app.events.get(connected.id);
    assert.deepEqual([stored?.account, stored?.source], ['acct_shop1', 'recovery'], 'stored as a Connect delivery would be');
    const [run] = (await stack.system.store.listRuns({ workflowId: 'note-connected-payments', limit: 10 })).runs;
    assert.equal(run?.id, event?.runs[0]);
    const audit = await stack.system.store.audit.list({ actions: ['events.recovered'] }, { limit: 1 });
    assert.deepEqual(audit.items[0]?.detail.accounts, ['acct_shop1']);
  });

  void it("a connected account Stripe will not list for is refused at its place, and what was taken before it is kept and audited", async () => {
    const missed = await undeliveredPayments(1);
    const since = new Date(((missed[0]?.created ?? 0) - 1) * 1000).toISOString();
    const app = stack.system.app;
    const real = app.stripeClientOf;
    app.stripeClientOf = async (connector) => {
      const stripe = await real(connector);
      const list: typeof stripe.events.list = (params?: Stripe.EventListParams, options?: Stripe.RequestOptions) =>
        options?.stripeAccount === 'acct_gone'
          ? (Promise.reject(new Stripe.errors.StripePermissionError({ type: 'invalid_request_error', message: "The provided key does not have access to account 'acct_gone' (or that account does not exist)." })) as never)
          : stripe.events.list(params, options);
      return { ...stripe, events: { ...stripe.events, list } } as Stripe;
    };
    try {
      const refused = await recover({ since, accounts: ['acct_shop1', 'acct_gone'] });
      assert.equal(refused.statusCode, 400, refused.body);
      const error = (JSON.parse(refused.body) as { error: { code: string; path: string; message: string } }).error;
      assert.deepEqual([error.code, error.path], ['recovery_account_refused', 'accounts[1]']);
      assert.match(error.message, /acct_gone/);
    } finally {
      app.stripeClientOf = real;
    }
    assert.equal((await app.events.get(missed[0]?.id ?? ''))?.source, 'recovery', "the platform's event was taken in before the refusal");
    const audit = await stack.system.store.audit.list({ actions: ['events.recovered'] }, { limit: 1 });
    assert.deepEqual(audit.items[0]?.detail.accounts, ['acct_shop1'], 'the trail names the accounts read before the refusal');
    assert.ok((audit.items[0]?.detail.events as string[]).includes(missed[0]?.id ?? ''));
  });

  void it('the sweep also reads the connected accounts Tollgate has had events from, and passes over one Stripe refuses', async () => {
    // acct_shop1 sent an event (taken in by the on-demand test above); acct_gone too, and has since disconnected.
    const gone = stack.sandbox.trigger('customer.created', { account: 'acct_gone' });
    await stack.system.app.stripeIntake.accept(gone, { connectorId: 'stripe', source: 'webhook' });
    const refusing = async () => {
      const stripe = await stack.system.app.stripeClientOf('stripe');
      const list: typeof stripe.events.list = (params?: Stripe.EventListParams, options?: Stripe.RequestOptions) =>
        options?.stripeAccount === 'acct_gone'
          ? (Promise.reject(new Stripe.errors.StripePermissionError({ type: 'invalid_request_error', statusCode: 403, message: "The provided key does not have access to account 'acct_gone'." })) as never)
          : stripe.events.list(params, options);
      return { ...stripe, events: { ...stripe.events, list } } as Stripe;
    };
    const observed: string[] = [];
    const sweep = new StripeEventRecoverySweep({
      stripe: refusing,
      intake: stack.system.app.stripeIntake,
      events: stack.system.app.events,
      connectorId: 'stripe',
      clock: { now: () => new Date() },
      logger: silentLogger,
      observe: { recovered: (count) => observed.push(`recovered ${count}`), failed: () => observed.push('failed') },
    });
    await sweep.sweep();
    observed.length = 0;

    const missed = stack.sandbox.trigger('payment_intent.succeeded', { amount: 990, currency: 'usd', account: 'acct_shop1' });
    await stack.sandbox.idle();
    const report = await sweep.sweep();
    assert.ok(report !== undefined, 'the refused account does not fail the sweep');
    assert.ok(report.missing.some((event) => event.id === missed.id && event.account === 'acct_shop1' && event.runs.length === 1));
    const stored = await stack.system.app.events.get(missed.id);
    assert.deepEqual([stored?.account, stored?.source], ['acct_shop1', 'recovery']);
    assert.deepEqual(observed, ['failed', `recovered ${report.missingCount}`], 'the refusal is counted, and the sweep still ends (and sets its mark)');
    assert.deepEqual(await stack.system.app.events.connectedAccounts('stripe', new Date(0), 10), ['acct_shop1', 'acct_gone'], 'the most recently seen first');
  });

  void it('refuses a window Stripe does not keep, an empty window, an unknown connector and a caller who may not start runs', async () => {
    const now = Date.now();
    const tooOld = await recover({ since: new Date(now - 31 * 24 * 3600 * 1000).toISOString() });
    assert.equal(tooOld.statusCode, 400);
    assert.match(tooOld.body, /"code":"recovery_window_invalid"/);
    assert.match(tooOld.body, /30 days/);
    const empty = await recover({ since: new Date(now - 1000).toISOString(), until: new Date(now - 60_000).toISOString() });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /not before until/);
    const unknown = await recover({ connector: 'stripe-eu', since: new Date(now - 60_000).toISOString() });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /"code":"connector_not_found"/);
    const badScope = await recover({ since: new Date(now - 60_000).toISOString(), scope: 'some' });
    assert.equal(badScope.statusCode, 400);
    assert.match(badScope.body, /scope/);
    const noSince = await recover({});
    assert.equal(noSince.statusCode, 400);
    assert.match(noSince.body, /since/);
    const notAnAccount = await recover({ since: new Date(now - 60_000).toISOString(), accounts: ['acct_shop1', 'shop2'] });
    assert.equal(notAnAccount.statusCode, 400);
    assert.match(notAnAccount.body, /"path":"body.accounts\[1\]"/);
    const twice = await recover({ since: new Date(now - 60_000).toISOString(), accounts: ['acct_shop1', 'acct_shop1'] });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /each account once/);
    assert.equal((await recover({ since: new Date(now - 60_000).toISOString() }, viewer)).statusCode, 403);
  });
});

/** Waits until the clock is past `epochMs` (Stripe's `created` counts whole seconds). */
async function waitForNextSecond(epochMs: number): Promise<void> {
  while (Date.now() <= epochMs) await new Promise((resolve) => setTimeout(resolve, 50));
}
