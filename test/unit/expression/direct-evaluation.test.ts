import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Variables } from '../../../src/core/json.ts';
import { INDIRECT } from '../../../src/expression/direct-evaluation.ts';
import { compileExpression, evaluate, type EvaluateOptions } from '../../../src/expression/expression.ts';

const EXPRESSIONS = [
  'object.id',
  'object.customer',
  'amount',
  'a.b.c',
  '`weird key`.x',
  'object',
  'object.missing.deeper',
  '"usd"',
  '5',
  'true',
  'null',
  'object.amount > $minor(1000, "usd") and object.currency = "usd"',
  'amount >= 500',
  'amount < 500',
  'amount <= limit',
  'amount > limit or flag',
  'name = "x"',
  'name != "x"',
  'flag = true',
  'a = b',
  'a != b',
  'a and b',
  'a or b',
  'not_there = 1',
  'name > "a"',
  '$money(object.amount, object.currency)',
  '$minor(amount, "usd")',
  '$minor(name, "usd")',
  '$major(amount, currency)',
  '$minor(10.001, "usd")',
  '$money(amount, "zzz")',
];

const INPUTS: Variables[] = [
  {
    object: { id: 'pi_1', amount: 150_000, currency: 'usd', customer: 'cus_1' },
    amount: 750,
    limit: 750,
    name: 'x',
    flag: true,
    a: true,
    b: false,
    currency: 'eur',
    'weird key': { x: 3 },
  },
  { object: [{ id: 'a', amount: 1 }, { id: 'b' }], amount: [1, 2], a: [true], b: true, name: ['x'] },
  { object: null, amount: null, name: null, a: null, b: null, flag: null },
  { object: { amount: '150000', currency: 'usd', id: 7 }, amount: '750', limit: 750, a: 'x', b: 1, name: 12.5 },
  { a: { b: { c: 'deep' } }, object: { id: { nested: [1, 2] }, customer: [] }, b: { b: { c: 'deep' } } },
  {},
  { a: { k: 1 }, b: { k: 1 }, amount: 0.5, currency: 'jpy', name: '12.345' },
  { a: 1, b: 0, flag: 'yes', amount: 499.99, limit: 'x' },
];

async function outcome(run: () => Promise<unknown>): Promise<{ value: unknown } | { error: string }> {
  try {
    return { value: await run() };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { error: `${code}: ${message}` };
  }
}

async function compareWithJsonata(source: string, input: Variables, options: EvaluateOptions = {}): Promise<void> {
  const compiled = compileExpression(source);
  const viaJsonata = await outcome(() => evaluate({ ...compiled, direct: undefined }, input, options));
  const viaDirect = await outcome(() => evaluate(compiled, input, options));
  assert.deepEqual(viaDirect, viaJsonata, `${source} with ${JSON.stringify(input)}`);
}

describe('expressions evaluated directly', () => {
  it('give what JSONata gives, value or error, for every shape and input', async () => {
    for (const source of EXPRESSIONS) {
      for (const input of INPUTS) await compareWithJsonata(source, input);
    }
  });

  it('keep the size limits on the strings they give', async () => {
    await compareWithJsonata('object.id', { object: { id: 'abcdef' } }, { maxStringLength: 3 });
    await compareWithJsonata('$money(amount, "usd")', { amount: 123_456_789 }, { maxStringLength: 4 });
    await assert.rejects(evaluate(compileExpression('object.id'), { object: { id: 'abcdef' } }, { maxStringLength: 3 }), { code: 'expression_limit_exceeded' });
  });

  it('are taken for the common shapes, without JSONata', () => {
    const input = INPUTS[0] ?? {};
    const limits = { maxStringLength: 1_000_000, maxItems: 100_000 };
    for (const source of ['object.id', 'object.amount > $minor(1000, "usd") and object.currency = "usd"', '$money(object.amount, object.currency)', 'amount >= 500']) {
      const direct = compileExpression(source).direct;
      assert.ok(direct, `${source} compiles directly`);
      assert.notEqual(direct(input, limits), INDIRECT, `${source} is evaluated directly`);
    }
  });

  it('leave every other shape to JSONata', () => {
    for (const source of ['a[0]', 'a.b[c > 1]', '$sum(a)', 'a & b', 'a + 1', '$x := 1', 'a ? b : c', '$.a', 'a.$b', '$money(a)', '$string(a, true)', '**.a']) {
      assert.equal(compileExpression(source).direct, undefined, source);
    }
  });
});
