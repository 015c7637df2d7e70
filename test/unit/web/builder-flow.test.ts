import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flowElements } from '../../../web/src/features/builder/canvas/builder-flow.ts';
import { draftGraph } from '../../../web/src/features/builder/model/draft-graph.ts';
import type { Draft } from '../../../web/src/features/builder/model/draft-steps.ts';
import { builderIssues, issuesByNode } from '../../../web/src/features/builder/model/issue-keys.ts';

const draft: Draft = {
  kind: 'Workflow',
  id: 'w',
  trigger: { type: 'manual' },
  steps: [
    { id: 'check', type: 'decision', branches: [{ when: 'x', next: 'each' }], otherwise: 'done' },
    { id: 'each', type: 'foreach', items: '[]', steps: [{ id: 'pay', type: 'action', uses: '', with: {} }] },
    { id: 'done', type: 'end' },
  ],
};

void test('containers are parent nodes holding their steps, and issues and handles sit on their node', () => {
  const issues = issuesByNode(draft, builderIssues([{ path: 'Workflow w: steps[1].steps[0].uses', message: 'steps[1].steps[0].uses: pick an operation', severity: 'error' }]));
  const { nodes } = flowElements({ draft, graph: draftGraph(draft), issues, positions: { done: { x: 5, y: 7 } }, highlight: null, selected: 'check' });
  const byId = new Map(nodes.map((node) => [node.id, node]));
  assert.equal(byId.get('each')?.type, 'container');
  assert.equal(byId.get('each/*/pay')?.parentId, 'each');
  assert.deepEqual(byId.get('each/*/pay')?.data.issues.map((issue) => issue.message), ['pick an operation']);
  assert.deepEqual(byId.get('check')?.data.outputs.map((output) => output.handle), ['branch:0', 'branch:new', 'otherwise']);
  assert.equal(byId.get('check')?.selected, true);
  assert.deepEqual(byId.get('done')?.position, { x: 5, y: 7 }, 'a node someone moved stays where they put it');
  const container = byId.get('each')!;
  const child = byId.get('each/*/pay')!;
  assert.ok(child.position.x >= 0 && child.position.y > 0 && child.position.x + (child.width ?? 0) <= (container.width ?? 0) && child.position.y + (child.height ?? 0) <= (container.height ?? 0), 'the step fits inside its container');
});

void test("a preview's path colours its nodes and the edges between consecutive ones", () => {
  const { nodes, edges } = flowElements({ draft, graph: draftGraph(draft), issues: new Map(), positions: {}, highlight: { states: { check: 'succeeded', done: 'failed' }, path: ['check', 'done'] }, selected: null });
  const taken = edges.filter((edge) => edge.className === 'graph-edge taken').map((edge) => `${edge.source}->${edge.target}`);
  assert.deepEqual(taken.sort(), ['$trigger->check', 'check->done']);
  const byId = new Map(nodes.map((node) => [node.id, node.data]));
  assert.equal(byId.get('done')?.highlight, 'failed');
  assert.equal(byId.get('each')?.dimmed, true);
  assert.equal(byId.get('check')?.dimmed, false);
});

void test('an event trigger node names its event type; a new decision branch has no condition yet and its edge says which branch', () => {
  const onEvent: Draft = {
    kind: 'Workflow',
    id: 'w',
    trigger: { type: 'event', event: 'payment_intent.succeeded' },
    steps: [
      { id: 'route', type: 'decision', branches: [{ when: '', next: 'done' }], otherwise: 'done' },
      { id: 'done', type: 'end' },
    ],
  };
  const { nodes, edges } = flowElements({ draft: onEvent, graph: draftGraph(onEvent), issues: new Map(), positions: {}, highlight: null, selected: null });
  assert.equal(nodes.find((node) => node.id === '$trigger')?.data.meta, 'payment_intent.succeeded');
  assert.deepEqual(edges.filter((edge) => edge.source === 'route').map((edge) => edge.label).sort(), ['branch 1', 'otherwise']);
  const unset: Draft = { kind: 'Workflow', id: 'w', steps: [] };
  assert.equal(flowElements({ draft: unset, graph: draftGraph(unset), issues: new Map(), positions: {}, highlight: null, selected: null }).nodes[0]?.data.meta, 'starts on: not chosen yet');
});
