// Issue 13, part 3: a Stripe event's run whose first steps touch nothing but
// the database (pure steps, email.send to the outbox) has them run by the local
// worker before the event is written, and committed with the event: one
// commit where there were two, no work item, nothing left for the worker. A
// step that calls out or waits still runs on the worker, after the write.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunStatus } from '../../src/core/statuses.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { inspectDatabase, inspectTransaction } from '../../src/store/inspect.ts';
import { endedRunRows } from '../../src/store/run-end/run-end-row.ts';
import { holdRunRows } from '../../src/store/step-commit/held-rows.ts';
import type { StepCommit } from '../../src/store/records.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const WORKFLOWS = `
kind: Workflow
id: mail-the-team
trigger: { type: event, event: payment_intent.succeeded, when: object.amount > 1000 }
steps:
  - id: tell
    type: action
    uses: email.send
    with:
      to: ops@example.com
      subject: "Paid: {{ object.id }}"
      body: "Amount: {{ object.amount }}"
  - id: amount
    type: set
    values: { big: "{{ object.amount > 5000 }}" }
---
kind: Workflow
id: wait-first
trigger: { type: event, event: charge.refunded }
steps:
  - { id: pause, type: wait, for: 10ms }
  - { id: done, type: end, outcome: Waited }
---
kind: Workflow
id: set-then-wait
trigger: { type: event, event: charge.dispute.created }
steps:
  - { id: note, type: set, values: { seen: "{{ object.id }}" } }
  - { id: pause, type: wait, for: 10ms }
  - { id: done, type: end, outcome: Waited }
---
kind: Workflow
id: broken-mail
trigger: { type: event, event: customer.created }
steps:
  - id: tell
    type: action
    uses: email.send
    with:
      to: ops@example.com
      subject: "New customer {{ $substring(object.missing, 'x') }}"
`;

function event(id: string, type: string, object: Record<string, unknown>) {
  return { id, type, livemode: false, created: 1_700_000_000, data: { object: { id: `obj_${id}`, ...object } } };
}

void describe('first steps committed with their event', () => {
  let t: TestSystem;
  /** The first-step commits each write of events was handed, by the runs they are of. */
  const handed = new Map<string, StepCommit>();
  /** The commits the worker reported (its own batches and those committed with events). */
  const reported: StepCommit[] = [];

  before(async () => {
    t = await createTestSystem({ worker: { onCommitted: (commits, results) => commits.forEach((commit, index) => results[index] === 'applied' && reported.push(commit)) } });
    await t.apply(WORKFLOWS);
    const events: EventStore = t.system.store.events;
    const record = events.record.bind(events);
    events.record = (batch, firstSteps = []) => {
      for (const commit of firstSteps) handed.set(commit.runId, commit);
      return record(batch, firstSteps);
    };
  });
  after(() => t.close());

  const accept = (body: ReturnType<typeof event>) => t.system.app.stripeIntake.accept(body, { connectorId: 'stripe', source: 'webhook' });
  const journal = (runId: string) => t.system.store.listAttempts(runId);
  const itemsOf = (runId: string) => inspectDatabase(t.system.store).selectFrom('work_items').select('step_path').where('run_id', '=', runId).execute();

  void it('ends a run that mails the outbox, then sets a variable, in the event\'s own commit', async () => {
    const received = await accept(event('evt_paid', 'payment_intent.succeeded', { amount: 9000 }));
    const runId = received.runs[0] ?? '';
    // Read at once after the acknowledgement: no worker had a turn in between.
    const run = await t.system.store.getRun(runId);
    assert.equal(run?.status, RunStatus.succeeded, 'the run ended before the event was acknowledged');
    assert.equal(handed.get(runId)?.kind, 'finished');
    assert.deepEqual(
      (await journal(runId)).map((attempt) => [attempt.stepId, attempt.status, attempt.visit]),
      [
        ['tell', 'succeeded', 1],
        ['amount', 'succeeded', 1],
      ],
      'every step keeps its journal row, in order',
    );
    assert.equal(run?.variables.big, true, 'the set step that followed ran in the same commit');
    // Inserted as it ended (first-steps.ts): the row holds the end, the variables and the journal counter.
    const row = await inspectDatabase(t.system.store).selectFrom('runs').select(['created_at', 'updated_at', 'finished_at', 'last_position', 'variables']).where('id', '=', runId).executeTakeFirstOrThrow();
    assert.equal(Number(row.updated_at), Number(row.finished_at), 'its last update is its end');
    assert.ok(Number(row.finished_at) >= Number(row.created_at));
    assert.equal(Number(row.last_position), 2, 'the journal counter counts both rows');
    assert.equal((JSON.parse(row.variables) as { big?: boolean }).big, true);
    const mails = (await t.system.app.outbox.list({ limit: 10 })).items.filter((mail) => mail.runId === runId);
    assert.deepEqual(
      mails.map((mail) => [mail.subject, mail.text.trim()]),
      [['Paid: obj_evt_paid', 'Amount: 9000']],
    );
    assert.deepEqual(await itemsOf(runId), [], 'no work item is left');
    assert.ok(reported.some((commit) => commit.runId === runId && commit.kind === 'finished'), 'the worker reports the commit as its own (metrics)');
  });

  void it('refuses to insert runs meant to end at their insert when one has no end: the transaction writes none of them', async () => {
    const received = await accept(event('evt_model', 'charge.refunded', {}));
    const db = inspectDatabase(t.system.store);
    const model = await db.selectFrom('runs').selectAll().where('id', '=', received.runs[0] ?? '').executeTakeFirstOrThrow();
    const [ended, endless] = [{ ...model, id: 'run_ended_at_insert' }, { ...model, id: 'run_without_end' }];
    const end = { runId: ended.id, status: RunStatus.succeeded, outcome: null, error: null, failedStep: null, finishedAt: model.created_at };
    await assert.rejects(
      inspectTransaction(t.system.store, (trx) => holdRunRows(trx, endedRunRows([ended, endless], [end]))),
      /run run_without_end was to end in the commit that created it, and has no end to insert/,
    );
    assert.deepEqual(await db.selectFrom('runs').select('id').where('id', 'in', [ended.id, endless.id]).execute(), []);
  });

  void it('leaves a first step that waits to the worker, after the write', async () => {
    const received = await accept(event('evt_refund', 'charge.refunded', {}));
    const runId = received.runs[0] ?? '';
    assert.equal(handed.has(runId), false, 'a wait step is not run before the write');
    const run = await t.waitForRun(runId);
    assert.equal(run.outcome, 'Waited');
    assert.deepEqual((await journal(runId)).map((attempt) => attempt.stepId), ['pause', 'done']);
  });

  void it('commits a pure first step with the event and chains the step that waits to the worker', async () => {
    const received = await accept(event('evt_dispute', 'charge.dispute.created', {}));
    const runId = received.runs[0] ?? '';
    const commit = handed.get(runId);
    assert.equal(commit?.kind, 'moved_on');
    const stored = await t.system.store.getRun(runId);
    assert.equal(stored?.variables.seen, 'obj_evt_dispute', 'the set step was committed with the event');
    const run = await t.waitForRun(runId);
    assert.equal(run.outcome, 'Waited');
    assert.deepEqual(
      (await journal(runId)).map((attempt) => [attempt.stepId, attempt.visit]),
      [
        ['note', 1],
        ['pause', 1],
        ['done', 1],
      ],
    );
  });

  void it('fails a run whose first step cannot render in the event\'s own commit, with the error in the journal', async () => {
    const received = await accept(event('evt_customer', 'customer.created', {}));
    const runId = received.runs[0] ?? '';
    const run = await t.system.store.getRun(runId);
    assert.equal(run?.status, RunStatus.failed);
    assert.equal(run?.failedStep, 'tell');
    const [attempt] = await journal(runId);
    assert.equal(attempt?.status, 'failed');
    assert.match(attempt?.error?.message ?? '', /substring|string/i);
  });

  void it('starts one run, and sends one mail, for an event delivered twice at once', async () => {
    const body = event('evt_twice', 'payment_intent.succeeded', { amount: 2000 });
    const [first, second] = await Promise.all([accept(body), accept(body)]);
    assert.equal(first?.duplicate, false);
    assert.equal(second?.duplicate, true);
    const runId = first?.runs[0] ?? '';
    const mails = (await t.system.app.outbox.list({ limit: 50 })).items.filter((mail) => mail.subject === 'Paid: obj_evt_twice');
    assert.equal(mails.length, 1);
    assert.equal((await t.system.store.getRun(runId))?.status, RunStatus.succeeded);
    const runs = await inspectDatabase(t.system.store).selectFrom('runs').select('id').where('workflow_id', '=', 'mail-the-team').execute();
    assert.equal(runs.length, 2, 'one run per event');
  });
});

void describe('first steps committed with their event, past the worker\'s room', () => {
  let t: TestSystem;
  const handed: StepCommit[] = [];

  before(async () => {
    // Two slots: a burst of events has more runs than the worker has room for.
    t = await createTestSystem({ worker: { concurrency: 2 } });
    await t.apply(WORKFLOWS);
    const events: EventStore = t.system.store.events;
    const record = events.record.bind(events);
    events.record = (batch, firstSteps = []) => {
      handed.push(...firstSteps);
      return record(batch, firstSteps);
    };
  });
  after(() => t.close());

  const burst = (type: string, prefix: string, count: number) =>
    Promise.all(Array.from({ length: count }, (_, index) => t.system.app.stripeIntake.accept(event(`${prefix}_${index}`, type, { amount: 2000 }), { connectorId: 'stripe', source: 'webhook' })));

  void it('ends every run of a burst in its event\'s commit, whatever room the worker has', async () => {
    const received = await burst('payment_intent.succeeded', 'evt_burst', 8);
    const runIds = received.map((answer) => answer.runs[0] ?? '');
    const runs = await Promise.all(runIds.map((id) => t.system.store.getRun(id)));
    assert.deepEqual(
      runs.map((run) => run?.status),
      runIds.map(() => RunStatus.succeeded),
    );
  });

  void it('chains as many next steps to the worker as it has room for, and queues the others', async () => {
    await t.settle();
    handed.length = 0;
    const received = await burst('charge.dispute.created', 'evt_disputes', 4);
    const moved = handed.filter((commit) => commit.kind === 'moved_on');
    assert.equal(moved.length, 4, 'every set step ran before the write');
    assert.equal(moved.filter((commit) => commit.chainLeaseMs !== undefined).length, 2, 'two next steps leased to the worker, as it had two free slots');
    for (const answer of received) assert.equal((await t.waitForRun(answer.runs[0] ?? '')).outcome, 'Waited');
  });
});
