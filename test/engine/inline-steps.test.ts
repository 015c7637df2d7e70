// Steps with no side effect and no wait (decision, set, end) run in the commit of the step before them:
// fewer commits per run, and still a journal row for every step, in order, with its visit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { invokeWorkflow } from '../../src/application/run-admin.ts';
import { MAX_INLINED_STEPS } from '../../src/engine/inline-steps.ts';
import type { StepCommit } from '../../src/store/records.ts';
import { startScriptedServer } from '../support/scripted-server.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

void describe('side-effect-free steps in the commit of the step before', () => {
  let t: TestSystem;
  let server: Awaited<ReturnType<typeof startScriptedServer>>;
  const commits: StepCommit[] = [];
  before(async () => {
    server = await startScriptedServer();
    t = await createTestSystem({ worker: { onCommitted: (batch, results) => batch.forEach((commit, index) => results[index] === 'applied' && commits.push(commit)) } });
  });
  after(async () => {
    await t.close();
    await server.close();
  });

  const commitsOf = (runId: string) => commits.filter((commit) => commit.runId === runId);
  const journalOf = async (runId: string) => (await t.system.store.listAttempts(runId)).map((row) => ({ path: row.stepPath, visit: row.visit, status: row.status }));

  void it('an action, then a decision, a set and an end: one commit, every step in the journal', async () => {
    server.script('/score', [{ status: 200, body: { score: 42 } }]);
    await t.apply(`
kind: Workflow
id: inline_chain
trigger: { type: manual }
steps:
  - { id: call, type: action, uses: http.request, with: { url: "${server.url}/score" } }
  - id: route
    type: decision
    branches:
      - { when: "call.body.score > 40", next: tally }
    otherwise: low
  - { id: tally, type: set, values: { doubled: "{{ call.body.score * 2 }}" } }
  - { id: done, type: end, outcome: Scored }
  - { id: low, type: end, outcome: Low }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_chain', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.outcome, 'Scored');
    assert.equal(finished.variables.doubled, 84, 'the set saw the action output');
    assert.deepEqual(finished.variables.route, { branch: 0, next: 'tally' }, 'the decision output is kept, as on its own');
    const own = commitsOf(run.id);
    assert.equal(own.length, 1, `one commit for the run: ${own.map((commit) => commit.kind).join(', ')}`);
    const [commit] = own;
    assert.equal(commit?.kind, 'finished');
    assert.deepEqual(commit.kind === 'finished' ? commit.inlined?.map((row) => row.stepPath) : [], ['route', 'tally', 'done']);
    assert.deepEqual(await journalOf(run.id), [
      { path: 'call', visit: 1, status: 'succeeded' },
      { path: 'route', visit: 1, status: 'succeeded' },
      { path: 'tally', visit: 1, status: 'succeeded' },
      { path: 'done', visit: 1, status: 'succeeded' },
    ]);
    const rows = await t.system.store.listAttempts(run.id);
    assert.deepEqual(rows.find((row) => row.stepPath === 'tally')?.output, { doubled: 84 });
    assert.deepEqual(rows.find((row) => row.stepPath === 'done')?.output, { outcome: 'Scored', status: 'succeeded' });
    const metrics = (await t.system.app.metrics.render()).text;
    for (const type of ['decision', 'set', 'end']) {
      assert.match(metrics, new RegExp(`tollgate_step_attempts_total\\{type="${type}",status="succeeded"\\} [1-9]`), `the ${type} attempt is counted`);
    }
  });

  void it('an action, then a decision, goes on to the next action in the same commit', async () => {
    await t.apply(`
kind: Workflow
id: inline_between
trigger: { type: manual }
steps:
  - { id: first, type: action, uses: http.request, with: { url: "${server.url}/first" } }
  - { id: note, type: set, values: { seen: "{{ first.status }}" } }
  - { id: second, type: action, uses: http.request, with: { url: "${server.url}/second/{{ seen }}" } }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_between', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.ok(server.requests.some((request) => request.path === '/second/200'), 'the second action saw the set value');
    assert.deepEqual(
      commitsOf(run.id).map((commit) => commit.kind),
      ['moved_on', 'finished'],
      'the set is in the first action commit, which enqueues the second',
    );
    assert.deepEqual(await journalOf(run.id), [
      { path: 'first', visit: 1, status: 'succeeded' },
      { path: 'note', visit: 1, status: 'succeeded' },
      { path: 'second', visit: 1, status: 'succeeded' },
    ]);
  });

  const loopWorkflow = (id: string, rounds: number) => `
kind: Workflow
id: ${id}
trigger: { type: manual }
steps:
  - { id: init, type: set, values: { n: 0 } }
  - { id: bump, type: set, values: { n: "{{ n + 1 }}" } }
  - id: check
    type: decision
    branches:
      - { when: "n < ${rounds}", next: bump }
    otherwise: done
  - { id: done, type: end, outcome: Counted }
`;

  void it('a decision loop journals every visit, in order, in one commit', async () => {
    await t.apply(loopWorkflow('inline_loop', 3));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_loop', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.variables.n, 3);
    assert.equal(commitsOf(run.id).length, 1);
    assert.deepEqual(
      (await journalOf(run.id)).map((row) => `${row.path}#${row.visit}`),
      ['init#1', 'bump#1', 'check#1', 'bump#2', 'check#2', 'bump#3', 'check#3', 'done#1'],
    );
    const checks = (await t.system.store.listAttempts(run.id)).filter((row) => row.stepPath === 'check').map((row) => (row.output as { next: string }).next);
    assert.deepEqual(checks, ['bump', 'bump', 'done'], 'each decision saw the count as the set before it left it');
  });

  void it(`a loop longer than ${MAX_INLINED_STEPS} steps commits every ${MAX_INLINED_STEPS + 1} steps and still ends`, async () => {
    const rounds = 20;
    await t.apply(loopWorkflow('inline_long_loop', rounds));
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_long_loop', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.variables.n, rounds);
    const steps = 1 + 2 * rounds + 1;
    assert.equal(commitsOf(run.id).length, Math.ceil(steps / (MAX_INLINED_STEPS + 1)));
    const journal = await journalOf(run.id);
    assert.equal(journal.length, steps);
    assert.deepEqual(
      journal.filter((row) => row.path === 'bump').map((row) => row.visit),
      Array.from({ length: rounds }, (_, index) => index + 1),
    );
    assert.deepEqual(
      journal.filter((row) => row.path === 'check').map((row) => row.visit),
      Array.from({ length: rounds }, (_, index) => index + 1),
    );
  });

  void it('a step that fails is not folded: the steps before it are committed, and it fails the run on its own', async () => {
    await t.apply(`
kind: Workflow
id: inline_failure
trigger: { type: manual }
steps:
  - { id: call, type: action, uses: http.request, with: { url: "${server.url}/fine" } }
  - { id: keep, type: set, values: { kept: "{{ call.status }}" } }
  - { id: broken, type: set, values: { bad: "{{ $number('not a number') }}" } }
  - { id: done, type: end, outcome: Never }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_failure', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'failed');
    assert.equal(finished.failedStep, 'broken');
    assert.equal(finished.variables.kept, 200, 'the set before the failing step was committed');
    assert.deepEqual(
      commitsOf(run.id).map((commit) => commit.kind),
      ['moved_on', 'finished'],
    );
    assert.deepEqual(await journalOf(run.id), [
      { path: 'call', visit: 1, status: 'succeeded' },
      { path: 'keep', visit: 1, status: 'succeeded' },
      { path: 'broken', visit: 1, status: 'failed' },
    ]);
  });

  void it("an action's on_error path folds the steps it goes to into the failed attempt's commit", async () => {
    server.script('/refused', [{ status: 400, body: { error: 'no' } }]);
    await t.apply(`
kind: Workflow
id: inline_on_error
trigger: { type: manual }
steps:
  - { id: call, type: action, uses: http.request, with: { url: "${server.url}/refused" }, on_error: note }
  - { id: fine, type: end, outcome: Fine }
  - { id: note, type: set, values: { failed_step: "{{ error.step }}" } }
  - { id: handled, type: end, outcome: Handled }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_on_error', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.equal(finished.outcome, 'Handled');
    assert.equal(finished.variables.failed_step, 'call', 'the set saw the error the failed action left');
    assert.deepEqual(commitsOf(run.id).map((commit) => commit.kind), ['finished']);
    assert.deepEqual(await journalOf(run.id), [
      { path: 'call', visit: 1, status: 'failed' },
      { path: 'note', visit: 1, status: 'succeeded' },
      { path: 'handled', visit: 1, status: 'succeeded' },
    ]);
  });

  void it('inside a foreach, steps fold within their iteration and set only its variables', async () => {
    await t.apply(`
kind: Workflow
id: inline_foreach
trigger: { type: manual }
steps:
  - id: each
    type: foreach
    items: "[1, 2]"
    as: item
    steps:
      - { id: call, type: action, uses: http.request, with: { url: "${server.url}/item/{{ item }}" } }
      - { id: twice, type: set, values: { twice: "{{ item * 2 }}" } }
      - id: pick
        type: decision
        branches:
          - { when: "twice > 2", next: big }
        otherwise: small
      - { id: small, type: set, values: { size: small }, next: tail }
      - { id: big, type: set, values: { size: big } }
      - { id: tail, type: set, values: { label: "{{ size }}-{{ twice }}" } }
  - { id: after_loop, type: set, values: { labels: "{{ each.label }}" } }
`);
    const run = await invokeWorkflow(t.system.app, { workflowId: 'inline_foreach', input: {} });
    const finished = await t.waitForRun(run.id);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished.error));
    assert.deepEqual(finished.variables.labels, ['small-2', 'big-4']);
    assert.equal(finished.variables.twice, undefined, 'what an iteration sets stays in its scope');
    const paths = (await journalOf(run.id)).map((row) => `${row.path}#${row.visit}`);
    for (const index of [0, 1]) {
      const size = index === 0 ? 'small' : 'big';
      const own = paths.filter((path) => path.startsWith(`each/${index}/`) && !path.startsWith(`each/${index}/#`));
      assert.deepEqual(own, [`each/${index}/call#1`, `each/${index}/twice#1`, `each/${index}/pick#1`, `each/${index}/${size}#1`, `each/${index}/tail#1`]);
    }
    const iterationCommits = commitsOf(run.id).filter((commit) => commit.kind === 'moved_on' && commit.attempt.stepId === 'call');
    assert.equal(iterationCommits.length, 2);
    for (const commit of iterationCommits) assert.ok(commit.kind === 'moved_on' && commit.destination.kind === 'scope_end', 'each iteration ends in its action commit');
  });
});
