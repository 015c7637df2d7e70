import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addStep, connectSteps, disconnect, removeStep, renameStep } from '../../../web/src/features/builder/model/draft-edits.ts';
import { draftGraph } from '../../../web/src/features/builder/model/draft-graph.ts';
import { findStep, TRIGGER_NODE, type Draft } from '../../../web/src/features/builder/model/draft-steps.ts';
import { builderIssues, issuesByNode, keysOfPath, nodeOfKeys } from '../../../web/src/features/builder/model/issue-keys.ts';

const draft = (steps: unknown[]): Draft => ({ kind: 'Workflow', id: 'w', trigger: { type: 'manual' }, steps });
const edgesOf = (value: Draft) => draftGraph(value).edges.map((edge) => `${edge.from}-${edge.kind}->${edge.to}`);

void test('the graph has the trigger first, node ids as the server names them, and each kind of edge', () => {
  const value = draft([
    { id: 'check', type: 'decision', branches: [{ when: 'amount > 5', next: 'fan' }], otherwise: 'done' },
    { id: 'fan', type: 'parallel', branches: [{ steps: [{ id: 'a', type: 'wait', for: '1m' }] }, { steps: [{ id: 'b', type: 'set', values: {} }] }] },
    { id: 'each', type: 'foreach', items: '[]', steps: [{ id: 'pay', type: 'action', uses: 'stripe.refunds.create', with: {}, on_error: 'oops' }, { id: 'oops', type: 'end' }] },
    { id: 'done', type: 'end' },
  ]);
  const graph = draftGraph(value);
  assert.deepEqual(
    graph.nodes.map((node) => [node.id, node.parent]),
    [[TRIGGER_NODE, null], ['check', null], ['fan', null], ['each', null], ['done', null], ['fan/0/a', 'fan'], ['fan/1/b', 'fan'], ['each/*/pay', 'each'], ['each/*/oops', 'each']],
  );
  assert.deepEqual(edgesOf(value).sort(), [
    '$trigger-start->check',
    'check-branch->fan',
    'check-otherwise->done',
    'each-nested->each/*/pay',
    'each-next->done',
    'each/*/pay-next->each/*/oops',
    'each/*/pay-on_error->each/*/oops',
    'fan-nested->fan/0/a',
    'fan-nested->fan/1/b',
    'fan-next->each',
  ]);
  assert.equal(graph.edges.find((edge) => edge.kind === 'branch')?.label, 'amount > 5');
});

void test('a target that names no step is reported as dangling, not drawn', () => {
  const graph = draftGraph(draft([{ id: 'a', type: 'wait', for: '1m', next: 'gone' }, { id: 'b', type: 'end' }]));
  assert.deepEqual(graph.dangling, [{ node: 'a', keys: ['steps', 0, 'next'], target: 'gone' }]);
  assert.equal(graph.edges.some((edge) => edge.from === 'a'), false);
});

void test('a draft still being typed (no trigger, no steps, odd items) gives a graph, not an exception', () => {
  const graph = draftGraph({ kind: 'Workflow', id: 'w', steps: [null, 'x', { type: 'decision', branches: 'no' }] });
  assert.deepEqual(graph.nodes.map((node) => node.type), ['unset', 'decision']);
});

void test('steps are added after a step, inside a foreach, into a parallel branch or a new branch, with fresh ids', () => {
  let value = draft([{ id: 'wait', type: 'wait', for: '1m' }]);
  let added = addStep(value, 'wait', { after: 'wait' });
  assert.equal(added.nodeId, 'wait_2');
  value = added.draft;
  added = addStep(value, 'foreach', { end: true });
  assert.equal(added.nodeId, 'foreach');
  value = addStep(added.draft, 'set', { inside: 'foreach' }).draft;
  assert.deepEqual(findStep(value, 'foreach')?.step.steps, [{ id: 'foreach_wait', type: 'wait', for: '1m' }, { id: 'set', type: 'set', values: {} }]);
  value = addStep(value, 'parallel', { after: 'wait' }).draft;
  added = addStep(value, 'end', { inside: 'parallel', branch: 'new' });
  assert.equal(added.nodeId, 'parallel/1/end');
  added = addStep(added.draft, 'end', { inside: 'parallel', branch: 0 });
  assert.equal(added.nodeId, 'parallel/0/end_2');
  assert.deepEqual((added.draft.steps as { id: string }[]).map((step) => step.id), ['wait', 'parallel', 'wait_2', 'foreach']);
});

void test('connecting sets the field of the handle; across step lists it says why not', () => {
  let value = draft([
    { id: 'ok', type: 'approval', assignee: { team: 'ops' } },
    { id: 'route', type: 'decision', branches: [{ when: 'x', next: '' }], otherwise: '' },
    { id: 'yes', type: 'end' },
    { id: 'no', type: 'end', status: 'failed' },
    { id: 'loop', type: 'foreach', items: '[]', steps: [{ id: 'inner', type: 'end' }] },
  ]);
  const connect = (from: string, handle: string, to: string): void => {
    const result = connectSteps(value, { from, handle, to });
    if ('error' in result) assert.fail(result.error);
    value = result.draft;
  };
  connect('ok', 'rejected', 'no');
  connect('route', 'branch:0', 'yes');
  connect('route', 'otherwise', 'no');
  connect('route', 'branch:new', 'loop');
  assert.deepEqual(findStep(value, 'ok')?.step.on, { rejected: 'no' });
  assert.deepEqual(findStep(value, 'route')?.step, { id: 'route', type: 'decision', branches: [{ when: 'x', next: 'yes' }, { when: 'true', next: 'loop' }], otherwise: 'no' });
  const across = connectSteps(value, { from: 'yes', handle: 'next', to: 'loop/*/inner' });
  assert.ok('error' in across && across.error.includes('different step lists'));
  const endHasNoNext = connectSteps(value, { from: 'yes', handle: 'next', to: 'no' });
  assert.ok('error' in endHasNoNext && endHasNoNext.error.includes('no "next"'));
  value = disconnect(value, { from: 'route', handle: 'branch:0' });
  assert.deepEqual(findStep(value, 'route')?.step.branches, [{ when: 'true', next: 'loop' }]);
});

void test('deleting a step cleans what led to it, bridges `next`, and flags a decision that named it', () => {
  const value = draft([
    { id: 'a', type: 'action', uses: 'email.send', with: {}, next: 'b', on_error: 'b' },
    { id: 'check', type: 'decision', branches: [{ when: 'x', next: 'b' }], otherwise: 'c' },
    { id: 'b', type: 'wait', for: '1m' },
    { id: 'c', type: 'end' },
  ]);
  const removed = removeStep(value, 'b');
  assert.deepEqual(removed.draft.steps, [
    { id: 'a', type: 'action', uses: 'email.send', with: {}, next: 'c' },
    { id: 'check', type: 'decision', branches: [{ when: 'x', next: 'b' }], otherwise: 'c' },
    { id: 'c', type: 'end' },
  ]);
  assert.deepEqual(removed.flagged, [['steps', 1, 'branches', 0, 'next']]);
  assert.deepEqual(value.steps, draft([
    { id: 'a', type: 'action', uses: 'email.send', with: {}, next: 'b', on_error: 'b' },
    { id: 'check', type: 'decision', branches: [{ when: 'x', next: 'b' }], otherwise: 'c' },
    { id: 'b', type: 'wait', for: '1m' },
    { id: 'c', type: 'end' },
  ]).steps, 'the original draft is left as it was');
});

void test('deleting the last step of a parallel branch removes the branch', () => {
  const value = draft([{ id: 'fan', type: 'parallel', branches: [{ steps: [{ id: 'a', type: 'end' }] }, { steps: [{ id: 'b', type: 'end' }] }] }]);
  assert.deepEqual(findStep(removeStep(value, 'fan/0/a').draft, 'fan')?.step.branches, [{ steps: [{ id: 'b', type: 'end' }] }]);
});

void test('renaming a step renames what names it in its list', () => {
  const value = renameStep(draft([{ id: 'a', type: 'wait', for: '1m', next: 'b' }, { id: 'b', type: 'end' }]), 'b', 'finish');
  assert.deepEqual(value.steps, [{ id: 'a', type: 'wait', for: '1m', next: 'finish' }, { id: 'finish', type: 'end' }]);
});

void test('validation issues become keys and land on the innermost step they name', () => {
  assert.deepEqual(keysOfPath('Workflow w: steps[1].branches[0].steps[2].with.to'), ['steps', 1, 'branches', 0, 'steps', 2, 'with', 'to']);
  const value = draft([{ id: 'a', type: 'end' }, { id: 'fan', type: 'parallel', branches: [{ steps: [{ id: 'x', type: 'end' }] }] }]);
  const issues = builderIssues([
    { path: 'Workflow w: steps[1].branches[0].steps[0].status', message: 'steps[1].branches[0].steps[0].status: bad status', severity: 'error' },
    { path: 'Workflow w: trigger.type', message: 'trigger.type: pick one', severity: 'error' },
    { path: 'Workflow w: id', message: 'id: bad id', severity: 'warning' },
  ]);
  assert.deepEqual(issues[0], { path: 'steps[1].branches[0].steps[0].status', keys: ['steps', 1, 'branches', 0, 'steps', 0, 'status'], message: 'bad status', severity: 'error' });
  assert.equal(nodeOfKeys(value, issues[0].keys), 'fan/0/x');
  const byNode = issuesByNode(value, issues);
  assert.deepEqual([...byNode.keys()], ['fan/0/x', TRIGGER_NODE, null]);
  assert.equal(byNode.get(null)?.[0]?.severity, 'warning');
});
