import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BuilderIssue } from '../../../web/src/features/builder/builder-types.ts';
import { issuesAt, issuesUnder, unplacedIssues } from '../../../web/src/features/builder/forms/issue-match.ts';
import type { OperationReference, ReferenceField } from '../../../web/src/features/builder/forms/reference-types.ts';
import { stepScope } from '../../../web/src/features/builder/forms/step-location.ts';
import { variableOptions } from '../../../web/src/features/builder/forms/variable-options.ts';

const field = (path: string, type: ReferenceField['type'], money = false): ReferenceField => ({ path, type, description: null, money, example: null });

const chargesRetrieve: OperationReference = {
  name: 'stripe.charges.retrieve',
  description: 'Retrieve a charge',
  connector_type: 'stripe',
  moves_money: false,
  docs_url: 'https://docs.stripe.com/api/charges/retrieve',
  additional_params: false,
  example: null,
  params: [{ name: 'id', type: 'string', required: true, description: 'The charge', recipients: false }],
  output: { object: 'charge', fields: [field('id', 'string'), field('amount', 'integer', true), field('currency', 'string'), field('amount_refunded', 'integer', true)] },
};

const fraudWarning = {
  kind: 'Workflow',
  id: 'fraud-warning-refund',
  trigger: { type: 'event', event: 'radar.early_fraud_warning.created' },
  steps: [
    { id: 'charge', type: 'action', uses: 'stripe.charges.retrieve', with: { id: '{{ object.charge }}' } },
    { id: 'below_dispute_fee', type: 'decision', branches: [{ when: 'charge.amount < 1500', next: 'refund' }], otherwise: 'done' },
    { id: 'refund', type: 'action', uses: 'stripe.refunds.create', with: { charge: '{{ charge.id }}' } },
    { id: 'done', type: 'end' },
  ],
};
const warningFields = [field('charge', 'string'), field('fraud_type', 'string')];

test('after a stripe.charges.retrieve step, the picker offers the charge and its fields by the step id', () => {
  const options = variableOptions({ definition: fraudWarning, path: 'below_dispute_fee', eventFields: warningFields, operations: [chargesRetrieve] });
  const paths = options.map((option) => option.path);
  assert.deepEqual(paths, ['event.id', 'event.type', 'event.created', 'object', 'object.charge', 'object.fraud_type', 'charge', 'charge.id', 'charge.amount', 'charge.currency', 'charge.amount_refunded']);
  const amount = options.find((option) => option.path === 'charge.amount');
  assert.deepEqual(amount, { path: 'charge.amount', group: 'Step charge', type: 'integer', description: null, money: true });
});

test('a step reads only the steps before it, and an output name replaces the step id', () => {
  const renamed = { ...fraudWarning, steps: fraudWarning.steps.map((step) => (step.id === 'charge' ? { ...step, output: 'theCharge' } : step)) };
  const atFirst = variableOptions({ definition: renamed, path: 'charge', eventFields: warningFields, operations: [chargesRetrieve] });
  assert.ok(!atFirst.some((option) => option.group === 'Step charge'));
  const later = variableOptions({ definition: renamed, path: 'refund', eventFields: warningFields, operations: [chargesRetrieve] });
  assert.ok(later.some((option) => option.path === 'theCharge.amount'));
  assert.ok(!later.some((option) => option.path.startsWith('charge.')));
});

test('form trigger fields, a foreach item and earlier steps of enclosing lists are offered inside a loop', () => {
  const definition = {
    trigger: { type: 'form', form: [{ key: 'refundAmount', type: 'money', label: 'Refund amount' }] },
    steps: [
      { id: 'charge', type: 'action', uses: 'stripe.charges.retrieve', with: {} },
      { id: 'each', type: 'foreach', items: 'charge.refunds.data', as: 'refund', steps: [{ id: 'note', type: 'set', values: { seen: true } }, { id: 'mail', type: 'action', uses: 'email.send' }] },
    ],
  };
  const options = variableOptions({ definition, path: 'each/*/mail', eventFields: [], operations: [chargesRetrieve] });
  const paths = options.map((option) => option.path);
  for (const expected of ['refundAmount', 'request.id', 'charge.amount', 'seen', 'refund', 'refund_index']) assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
  assert.equal(options.find((option) => option.path === 'refundAmount')?.money, true);
});

test('a graph node id resolves to the step keys, into parallel branches and foreach bodies', () => {
  const definition = {
    steps: [
      { id: 'a', type: 'set', values: {} },
      { id: 'fan', type: 'parallel', branches: [{ steps: [{ id: 'x', type: 'end' }] }, { steps: [{ id: 'y', type: 'end' }, { id: 'z', type: 'end' }] }] },
      { id: 'each', type: 'foreach', items: 'list', steps: [{ id: 'inner', type: 'end' }] },
    ],
  };
  assert.deepEqual(stepScope(definition, 'a')?.keys, ['steps', 0]);
  assert.deepEqual(stepScope(definition, 'fan/1/z')?.keys, ['steps', 1, 'branches', 1, 'steps', 1]);
  assert.deepEqual(stepScope(definition, 'fan/1/z')?.earlier.map((step) => step.id), ['a', 'y']);
  assert.deepEqual(stepScope(definition, 'each/*/inner')?.keys, ['steps', 2, 'steps', 0]);
  assert.equal(stepScope(definition, 'fan/*/x'), null);
  assert.equal(stepScope(definition, 'missing'), null);
});

test('issues land on the step at the form\'s position and the field they name; nested steps\' issues stay with them', () => {
  const issue = (keys: (string | number)[]): BuilderIssue => ({ path: keys.join('.'), keys, message: keys.join('.'), severity: 'error' });
  const issues = [issue(['steps', 2, 'with', 'amount']), issue(['steps', 2, 'bogus']), issue(['steps', 2, 'steps', 0, 'id']), issue(['steps', 1, 'id']), issue(['steps', 2])];
  const placed = issuesUnder(issues, ['steps', 2]);
  assert.deepEqual(placed.map(({ rest }) => rest), [['with', 'amount'], ['bogus'], []]);
  assert.deepEqual(issuesAt(placed, ['with', 'amount']).map((found) => found.message), ['steps.2.with.amount']);
  assert.deepEqual(unplacedIssues(placed, ['with', 'id']).map((found) => found.message), ['steps.2.bogus', 'steps.2']);
});
