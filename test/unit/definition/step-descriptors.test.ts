import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPath } from '../../../src/definition/definition-issue.ts';
import { stepExpressionSites } from '../../../src/definition/expression-sites.ts';
import { STEP_TYPES, stepDescriptors, stepSchema } from '../../../src/definition/steps/index.ts';
import type { StepType } from '../../../src/definition/steps/index.ts';
import { ignoredNextReason, nestedStepLists, stepTargets } from '../../../src/definition/workflow-graph.ts';
import { innerVariables, stepVariables } from '../../../src/definition/workflow-variables.ts';
import { definitionJsonSchema } from '../../../src/definition/json-schema.ts';
import { stepHandlers } from '../../../src/engine/steps/step-handlers.ts';
import { messagesOf } from './definition-test-helpers.ts';

/** A step of one type whose every expression reads `missing_var` and whose every target is `nowhere`. */
interface Sample {
  step: Record<string, unknown>;
  /** Where its expression sites are (each reads `missing_var`). */
  sites: string[];
  /** Where it names a step (each `nowhere`). */
  targets: string[];
  nested: string[];
  variables: string[];
  inner: string[];
  nextIgnored: boolean;
}

// Typed by StepType: a new step type without a sample here does not compile.
const samples: { [K in StepType]: Sample } = {
  action: {
    step: { type: 'action', uses: 'stripe.refunds.create', with: { charge: '{{ missing_var }}', metadata: ['{{ missing_var }}'] }, on_error: 'nowhere' },
    sites: ['with.charge', 'with.metadata[0]'],
    targets: ['on_error'],
    nested: [],
    variables: ['sample'],
    inner: [],
    nextIgnored: false,
  },
  decision: {
    step: { type: 'decision', branches: [{ when: 'missing_var > 1', next: 'nowhere' }], otherwise: 'nowhere' },
    sites: ['branches[0].when'],
    targets: ['branches[0].next', 'otherwise'],
    nested: [],
    variables: [],
    inner: [],
    nextIgnored: true,
  },
  approval: {
    step: { type: 'approval', assignee: { users: ['a@example.com'] }, timeout: '1d', on_timeout: 'nowhere', on: { approved: 'nowhere', rejected: 'nowhere' }, output: 'verdict' },
    sites: [],
    targets: ['on.approved', 'on.rejected', 'on_timeout'],
    nested: [],
    variables: ['verdict'],
    inner: [],
    nextIgnored: true,
  },
  wait: {
    step: { type: 'wait', until: 'missing_var' },
    sites: ['until'],
    targets: [],
    nested: [],
    variables: [],
    inner: [],
    nextIgnored: false,
  },
  parallel: {
    step: { type: 'parallel', branches: [{ steps: [{ id: 'left', type: 'end' }] }, { steps: [{ id: 'right', type: 'end' }] }] },
    sites: [],
    targets: [],
    nested: ['steps[0].branches[0].steps', 'steps[0].branches[1].steps'],
    variables: ['sample'],
    inner: [],
    nextIgnored: false,
  },
  foreach: {
    step: { type: 'foreach', items: 'missing_var', as: 'row', steps: [{ id: 'inside', type: 'set', values: { position: '{{ row_index }}' } }] },
    sites: ['items'],
    targets: [],
    nested: ['steps[0].steps'],
    variables: ['sample'],
    inner: ['row', 'row_index'],
    nextIgnored: false,
  },
  set: {
    step: { type: 'set', values: { total: '{{ missing_var }}' } },
    sites: ['values.total'],
    targets: [],
    nested: [],
    variables: ['total'],
    inner: [],
    nextIgnored: false,
  },
  workflow: {
    step: { type: 'workflow', workflow: 'other-flow', input: { charge: '{{ missing_var }}' } },
    sites: ['input.charge'],
    targets: [],
    nested: [],
    variables: ['sample'],
    inner: [],
    nextIgnored: false,
  },
  end: {
    step: { type: 'end', outcome: 'Done' },
    sites: [],
    targets: [],
    nested: [],
    variables: [],
    inner: [],
    nextIgnored: true,
  },
};

const sampleStep = (type: StepType) => stepSchema.parse({ id: 'sample', ...samples[type].step });

void describe('the step type registry', () => {
  void it('has a descriptor, a handler and a published schema for every step type, and nothing else', () => {
    const published = (definitionJsonSchema().$defs as { Step: { oneOf: { properties: { type: { const: string } } }[] } }).Step.oneOf.map(
      (variant) => variant.properties.type.const,
    );
    assert.deepEqual(STEP_TYPES, ['action', 'decision', 'approval', 'wait', 'parallel', 'foreach', 'set', 'workflow', 'end']);
    assert.deepEqual(published, STEP_TYPES);
    assert.deepEqual(Object.keys(stepDescriptors), STEP_TYPES);
    assert.deepEqual(Object.keys(stepHandlers), STEP_TYPES);
    assert.deepEqual(Object.keys(samples), STEP_TYPES);
  });

  for (const type of STEP_TYPES) {
    void it(`reads a ${type} step's expressions, targets, nested steps and variables through its descriptor`, () => {
      const sample = samples[type];
      const step = sampleStep(type);
      assert.deepEqual(stepExpressionSites(step).map((site) => formatPath(site.keys)), sample.sites);
      assert.ok(stepExpressionSites(step).every((site) => site.text.includes('missing_var')));
      assert.deepEqual(stepTargets(step).map((target) => formatPath(target.keys)), sample.targets);
      assert.deepEqual(nestedStepLists(step, ['steps', 0]).map((list) => formatPath(list.keys)), sample.nested);
      assert.deepEqual(stepVariables(step), sample.variables);
      assert.deepEqual(innerVariables(step), sample.inner);
      assert.equal(ignoredNextReason(step) !== undefined, sample.nextIgnored);
    });

    if (samples[type].sites.length === 0 && samples[type].targets.length === 0) continue;
    void it(`validation reports a missing variable at each expression of a ${type} step and an unknown step at each target`, () => {
      const sample = samples[type];
      const workflow = {
        kind: 'Workflow',
        id: 'sample-flow',
        trigger: { type: 'manual' },
        steps: [{ id: 'sample', ...sample.step }, { id: 'last', type: 'end' }],
      };
      const messages = messagesOf(JSON.stringify(workflow), { knownWorkflows: ['other-flow'] });
      for (const site of sample.sites) {
        assert.ok(messages.some((message) => message.startsWith(`steps[0].${site}: "missing_var" is not provided`)), `${site} in ${messages.join('\n')}`);
      }
      for (const target of sample.targets) {
        assert.ok(messages.some((message) => message.startsWith(`steps[0].${target}: no step "nowhere"`)), `${target} in ${messages.join('\n')}`);
      }
    });
  }
});
