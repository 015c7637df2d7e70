import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { compileExpression, evaluate } from '../../../src/expression/expression.ts';
import { compileConditions } from '../../../web/src/features/builder/forms/condition-compiler.ts';
import type { ConditionRows } from '../../../web/src/features/builder/forms/condition-model.ts';
import { parseConditions } from '../../../web/src/features/builder/forms/condition-parser.ts';

function compiled(rows: ConditionRows): string {
  const result = compileConditions(rows);
  assert.ok(result.ok, JSON.stringify(result));
  return result.expression;
}

/** Every `when` of the seed examples: the trigger's and each decision branch's. */
function seedConditions(): string[] {
  const found: string[] = [];
  for (const name of ['personalize-orders', 'tag-valuable-customers', 'fraud-warning-refund', 'customer-refund', 'customer-refund-by-reason', 'customer-refund-credit-note', 'customer-refund-csat']) {
    for (const document of parseAllDocuments(readFileSync(`examples/${name}.yaml`, 'utf8'))) {
      const workflow = document.toJS() as { kind: string; trigger?: { when?: string }; steps?: { branches?: { when?: string }[] }[] };
      if (workflow.kind !== 'Workflow') continue;
      if (workflow.trigger?.when !== undefined) found.push(workflow.trigger.when);
      for (const step of workflow.steps ?? []) for (const branch of step.branches ?? []) if (branch.when !== undefined) found.push(branch.when);
    }
  }
  return found;
}

test('an amount row compiles through $minor with the currency check, exactly as the seed examples write it', () => {
  const rows: ConditionRows = { join: 'and', rows: [{ field: 'object.amount', operator: 'gt', value: '1,000', kind: 'money', currency: 'usd' }] };
  assert.equal(compiled(rows), 'object.amount > $minor(1000, "usd") and object.currency = "usd"');
});

test('every seed example condition reads back into rows, and the rows compile to an equivalent condition', async () => {
  const conditions = seedConditions();
  assert.ok(conditions.length >= 8, `found ${conditions.length} seed conditions`);
  const variables = [
    { object: { amount: 150000, currency: 'usd' }, charge: { amount: 1000, currency: 'usd' }, refundAmount: 40, invoiceId: 'in_1', reason: 'Goodwill' },
    { object: { amount: 150000, currency: 'eur' }, charge: { amount: 1000, currency: 'eur' }, refundAmount: 600, invoiceId: '', reason: 'Other' },
    { object: { amount: 99999, currency: 'usd' }, charge: { amount: 1500, currency: 'usd' }, refundAmount: 500, reason: 'Service issue' },
  ];
  for (const condition of conditions) {
    const rows = parseConditions(condition);
    assert.ok(rows !== null, `the builder could not read ${condition}`);
    const again = compiled(rows);
    assert.deepEqual(parseConditions(again), rows, `${again} reads back into the same rows`);
    for (const scope of variables) {
      assert.equal(Boolean(await evaluate(compileExpression(again), scope)), Boolean(await evaluate(compileExpression(condition), scope)), `${condition} vs ${again} on ${JSON.stringify(scope)}`);
    }
  }
});

test('seed conditions the builder writes in its own order come back as the same text', () => {
  for (const condition of [
    'object.amount > $minor(1000, "usd") and object.currency = "usd"',
    'object.amount > $minor(2000, "usd") and object.currency = "usd"',
    'refundAmount >= 500',
    'reason = "Goodwill"',
    'refundAmount < 50 and invoiceId',
  ]) {
    const rows = parseConditions(condition);
    assert.ok(rows !== null, condition);
    assert.equal(compiled(rows), condition);
  }
});

test('the fraud warning condition (currency check first) is one money row', () => {
  assert.deepEqual(parseConditions('charge.currency = "usd" and charge.amount < $minor(15, "usd")'), {
    join: 'and',
    rows: [{ field: 'charge.amount', operator: 'lt', value: '15', kind: 'money', currency: 'usd' }],
  });
});

test('every operator compiles and reads back', () => {
  const rows: ConditionRows = {
    join: 'and',
    rows: [
      { field: 'object.status', operator: 'ne', value: 'failed', kind: 'text' },
      { field: 'object.currency', operator: 'in', value: 'usd, eur', kind: 'text' },
      { field: 'object.amount_refunded', operator: 'lte', value: '0', kind: 'number' },
      { field: 'object.description', operator: 'contains', value: 'say "hi"', kind: 'text' },
      { field: 'object.customer', operator: 'empty', value: '', kind: 'text' },
      { field: 'object.livemode', operator: 'eq', value: 'false', kind: 'boolean' },
      { field: 'object.invoice', operator: 'not_empty', value: '', kind: 'text' },
    ],
  };
  const expression = compiled(rows);
  assert.equal(expression, 'object.status != "failed" and object.currency in ["usd", "eur"] and object.amount_refunded <= 0 and $contains(object.description, "say \\"hi\\"") and $not(object.customer) and object.livemode = false and object.invoice');
  assert.deepEqual(parseConditions(expression), rows);
});

test('rows joined by or keep each amount with its currency check', () => {
  const rows: ConditionRows = {
    join: 'or',
    rows: [
      { field: 'object.amount', operator: 'gt', value: '1000', kind: 'money', currency: 'usd' },
      { field: 'object.amount', operator: 'gt', value: '900', kind: 'money', currency: 'eur' },
      { field: 'object.metadata.vip', operator: 'eq', value: 'yes', kind: 'text' },
    ],
  };
  const expression = compiled(rows);
  assert.equal(expression, '(object.amount > $minor(1000, "usd") and object.currency = "usd") or (object.amount > $minor(900, "eur") and object.currency = "eur") or object.metadata.vip = "yes"');
  assert.deepEqual(parseConditions(expression), rows);
});

test('conditions the builder does not write open in the hand-typed mode', () => {
  for (const condition of [
    'object.amount > 100 and object.currency = "usd" or object.livemode',
    'object.amount * 2 > 100',
    '$count(object.refunds.data) > 1',
    'object.amount > $minor(1000, "usd")',
    'object.amount > $minor(1000, "usd") or object.currency = "usd"',
    'object.customer = null',
    '(object.a = 1 and object.b = 2) or object.c = 3',
  ]) {
    assert.equal(parseConditions(condition), null, condition);
  }
});

test('an amount in a zero-decimal currency compiles in whole units, and decimals are refused with the reason', () => {
  const row = { field: 'object.amount', operator: 'gt', value: '1000', kind: 'money', currency: 'jpy' } as const;
  assert.equal(compiled({ join: 'and', rows: [row] }), 'object.amount > $minor(1000, "jpy") and object.currency = "jpy"');
  assert.deepEqual(compileConditions({ join: 'and', rows: [{ ...row, value: '1000.5' }] }), {
    ok: false,
    problems: [{ row: 0, message: 'JPY has no decimals; type a whole amount such as 1000.' }],
  });
  assert.deepEqual(compileConditions({ join: 'and', rows: [{ ...row, value: '19.999', currency: 'usd' }] }), {
    ok: false,
    problems: [{ row: 0, message: 'USD has 2 decimals at most.' }],
  });
});

test('a compiled jpy amount evaluates to the same minor units Stripe sends', async () => {
  const expression = compiled({ join: 'and', rows: [{ field: 'object.amount', operator: 'gte', value: '5000', kind: 'money', currency: 'jpy' }] });
  assert.equal(await evaluate(compileExpression(expression), { object: { amount: 5000, currency: 'jpy' } }), true);
  assert.equal(await evaluate(compileExpression(expression), { object: { amount: 4999, currency: 'jpy' } }), false);
});

test('a row without a field or with a bad value says what is wrong', () => {
  const result = compileConditions({ join: 'and', rows: [
    { field: '', operator: 'eq', value: 'x', kind: 'text' },
    { field: 'object.amount', operator: 'gt', value: 'lots', kind: 'number' },
    { field: 'object.amount', operator: 'in', value: ' , ', kind: 'number' },
  ] });
  assert.deepEqual(result, { ok: false, problems: [
    { row: 0, message: 'Choose a field.' },
    { row: 1, message: '"lots" is not a number.' },
    { row: 2, message: 'Give at least one value, separated by commas.' },
  ] });
});

test('no rows is no condition', () => {
  assert.equal(compiled({ join: 'and', rows: [] }), '');
  assert.deepEqual(parseConditions('  '), { join: 'and', rows: [] });
});
