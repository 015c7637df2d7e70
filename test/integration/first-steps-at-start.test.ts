// Issue 13, part 3, for the other starts: a run started on demand (API, CLI),
// by a form request or by a webhook trigger, whose first steps touch nothing
// but the database, has them committed with the run (and the request): one
// commit, no work item, and the answer already shows where the run got to.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { submitRequest } from '../../src/application/submit-request.ts';
import { RequestStatus, RunStatus } from '../../src/core/statuses.ts';
import { startRun } from '../../src/engine/start-run.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import type { NewRun, StepCommit } from '../../src/store/records.ts';
import type { Store } from '../../src/store/store.ts';
import { TRIAGE_YAML } from '../server/api-harness.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const DOCUMENTS = `${TRIAGE_YAML}
---
kind: Workflow
id: pause-first
trigger: { type: manual }
steps:
  - { id: pause, type: wait, for: 10ms }
  - { id: done, type: end, outcome: Waited }
---
kind: Workflow
id: quick-answer
trigger:
  type: form
  form:
    - { key: topic, label: Topic, type: text, required: true }
steps:
  - id: tell
    type: action
    uses: email.send
    with:
      to: help@example.com
      subject: "Question about {{ topic }}"
      body: "From {{ request.requester }}"
  - { id: answered, type: end, outcome: Answered }
---
kind: Service
id: help
title: Help
offerings:
  - { id: question, title: Ask a question, workflow: quick-answer }
`;

void describe('first steps committed with the run, for starts other than Stripe events', () => {
  let t: TestSystem;
  /** The first-step commits each write of runs (createRuns, a request's create) was handed, by the runs they are of. */
  const handed = new Map<string, StepCommit>();

  before(async () => {
    t = await createTestSystem();
    await t.apply(DOCUMENTS);
    const store: Store = t.system.store;
    const createRuns = store.createRuns.bind(store);
    store.createRuns = (runs: NewRun[], options = {}) => {
      for (const commit of options.firstSteps ?? []) handed.set(commit.runId, commit);
      return createRuns(runs, options);
    };
    const requests = t.system.app.requests;
    const createRequest = requests.create.bind(requests);
    requests.create = (request, run, options = {}) => {
      for (const commit of options.firstSteps ?? []) handed.set(commit.runId, commit);
      return createRequest(request, run, options);
    };
  });
  after(() => t.close());

  const itemsOf = (runId: string) => inspectDatabase(t.system.store).selectFrom('work_items').select('step_path').where('run_id', '=', runId).execute();
  const stepsOf = async (runId: string) => (await t.system.store.listAttempts(runId)).map((attempt) => [attempt.stepId, attempt.status]);

  void it('answers a run started on demand that ended in its own commit, with its journal and its audit entry', async () => {
    const run = await invokeWorkflow(t.system.app, { workflowId: 'triage', input: { amount: 750 } });
    assert.equal(run.status, RunStatus.succeeded, 'the answer shows the run ended');
    assert.equal(run.outcome, 'Sized');
    assert.equal(run.variables.size, 'big');
    assert.equal(handed.get(run.id)?.kind, 'finished');
    assert.deepEqual(await stepsOf(run.id), [
      ['big', 'succeeded'],
      ['mark_big', 'succeeded'],
      ['done', 'succeeded'],
    ]);
    assert.deepEqual(await itemsOf(run.id), [], 'no work item was written');
    const trail = await t.system.store.audit.list({}, { limit: 50 });
    assert.ok(
      trail.items.some((entry) => entry.action === 'run.started' && entry.target.id === run.id),
      'the start is in the audit trail, written in the same commit',
    );
  });

  void it('leaves a first step that waits to the worker', async () => {
    const run = await invokeWorkflow(t.system.app, { workflowId: 'pause-first', input: {} });
    assert.equal(handed.has(run.id), false, 'a wait is not run before the write');
    assert.notEqual(run.status, RunStatus.succeeded);
    assert.equal((await t.waitForRun(run.id)).outcome, 'Waited');
  });

  void it('closes a request whose run ended in the commit that created both', async () => {
    const { request, run } = await submitRequest(t.system.app, { offering: 'help/question', values: { topic: 'invoices' }, requester: 'sam@example.com' });
    assert.equal(handed.get(run.id)?.kind, 'finished');
    assert.equal(run.status, RunStatus.succeeded);
    assert.equal(request.status, RequestStatus.completed, 'the request answered is already closed');
    assert.equal(request.outcome, 'Answered');
    const mails = (await t.system.app.outbox.list({ limit: 10 })).items.filter((mail) => mail.runId === run.id);
    assert.deepEqual(
      mails.map((mail) => [mail.subject, mail.text.trim()]),
      [['Question about invoices', 'From sam@example.com']],
    );
    const trail = (await t.system.store.audit.list({}, { limit: 100 })).items.filter((entry) => entry.target.id === request.id).map((entry) => entry.action);
    assert.ok(trail.includes('request.submitted'), `the submission is in the trail: ${trail.join(', ')}`);
  });

  void it('starts a run for a webhook trigger (startRun) the same way', async () => {
    const run = await startRun(t.system.engine, { workflowId: 'triage', input: { amount: 20 }, trigger: { type: 'manual' } });
    assert.equal(run.status, RunStatus.succeeded);
    assert.equal(run.variables.size, 'small');
    assert.deepEqual(await itemsOf(run.id), []);
  });
});
