import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError, PermanentError } from '../../../src/core/errors.ts';
import { checkExpression, compileExpression, evaluate } from '../../../src/expression/expression.ts';
import { evaluateCondition, isTruthy } from '../../../src/expression/condition.ts';

function run(source: string, variables: Record<string, unknown> = {}, options = {}): Promise<unknown> {
  return evaluate(compileExpression(source), variables, options);
}

function permanent(code: string, message?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof PermanentError, `expected a PermanentError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  };
}

void describe('compileExpression', () => {
  void it('returns the same compiled expression for the same source', () => {
    const first = compileExpression('object.amount > 100');
    assert.equal(compileExpression('object.amount > 100'), first);
    assert.notEqual(compileExpression('object.amount > 101'), first);
  });

  void it('reports a parse error with code expression_invalid, the position and the source', () => {
    assert.throws(
      () => compileExpression('amount >'),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        error.code === 'expression_invalid' &&
        error.message.includes('"amount >"') &&
        error.details?.position === 8,
    );
    assert.throws(() => compileExpression('"unterminated'), { code: 'expression_invalid' });
    assert.throws(() => compileExpression('   '), { code: 'expression_invalid' });
  });

  void it('checkExpression returns an issue at the given path, or null', () => {
    assert.equal(checkExpression('refundAmount >= 500'), null);
    const issue = checkExpression('refundAmount >=', { path: 'steps[1].branches[0].when' });
    assert.equal(issue?.path, 'steps[1].branches[0].when');
    assert.match(issue?.message ?? '', /does not parse/);
  });
});

void describe('evaluate', () => {
  void it('reads variables as the root context', async () => {
    assert.equal(await run('refundAmount >= 500', { refundAmount: 750 }), true);
    assert.equal(await run('object.amount', { object: { amount: 1200 } }), 1200);
    assert.equal(await run('customer.name & "!"', { customer: { name: 'Ada' } }), 'Ada!');
  });

  void it('gives undefined for a missing path', async () => {
    assert.equal(await run('customer.nam', { customer: { name: 'Ada' } }), undefined);
  });

  void it('returns plain arrays and objects that serialize cleanly', async () => {
    const list = await run('items.amount', { items: [{ amount: 1 }, { amount: 2 }] });
    assert.deepEqual(list, [1, 2]);
    assert.equal(Object.getPrototypeOf(list), Array.prototype);
    assert.equal(JSON.stringify(list), '[1,2]');
    const object = await run('{"total": $sum(items.amount), "ids": items.id}', { items: [{ amount: 1, id: 'a' }, { amount: 2, id: 'b' }] });
    assert.deepEqual(object, { total: 3, ids: ['a', 'b'] });
  });

  void it('refuses to return a function', async () => {
    await assert.rejects(run('function($x) { $x }'), permanent('expression_failed', /gave a function/));
  });

  void it('offers $minor, $major and $money', async () => {
    assert.equal(await run('$minor(19.99, "usd")'), 1999);
    assert.equal(await run('$minor(refundAmount, "usd")', { refundAmount: 19.99 }), 1999);
    assert.equal(await run('$minor(1000, "JPY")'), 1000);
    assert.equal(await run('$major(1999, "usd")'), 19.99);
    assert.equal(await run('$money(150000, "usd")'), '$1,500.00');
    assert.equal(await run('$money(charge.amount, charge.currency)', { charge: { amount: 1000, currency: 'jpy' } }), '¥1,000');
    assert.equal(await run('charge.amount < $minor(15, "usd")', { charge: { amount: 1499 } }), true);
  });

  void it('gives nothing when a money helper gets nothing', async () => {
    assert.equal(await run('$money(missing.amount, "usd")', {}), undefined);
  });

  void it('fails with the helper code when a money helper refuses a value', async () => {
    await assert.rejects(run('$minor(19.999, "usd")'), permanent('money_too_precise', /in expression "\$minor\(19\.999, "usd"\)"/));
    await assert.rejects(run('$minor(1, "usdd")'), permanent('currency_unknown'));
  });

  void it('reports evaluation errors as expression_failed with the source', async () => {
    await assert.rejects(run('"a" + 1'), permanent('expression_failed', /expression "\\?"a\\?" \+ 1" failed/));
    await assert.rejects(run('$minor("x", true)'), permanent('expression_failed'));
  });

  void it('stops infinite recursion at the time limit', { timeout: 20_000 }, async () => {
    await assert.rejects(
      run('($f := function($x) { $f($x) }; $f(1))', {}, { timeoutMs: 100 }),
      permanent('expression_limit_exceeded', /time limit \(100 ms\)/),
    );
  });

  void it('stops deep recursion at the depth limit', { timeout: 20_000 }, async () => {
    await assert.rejects(
      run('($f := function($x) { 1 + $f($x) }; $f(1))', {}, { maxDepth: 50 }),
      permanent('expression_limit_exceeded', /depth limit \(50\)/),
    );
    await assert.rejects(run('($f := function($x) { 1 + $f($x) }; $f(1))'), permanent('expression_limit_exceeded', /depth limit \(200\)/));
  });

  void it('stops a huge loop at the time limit', { timeout: 20_000 }, async () => {
    await assert.rejects(
      run('$sum([1..9999999].($ * 2))', {}, { timeoutMs: 50, maxItems: 10_000_000 }),
      permanent('expression_limit_exceeded', /time limit \(50 ms\)/),
    );
  });

  void it('applies different limits to the same compiled expression', async () => {
    const compiled = compileExpression('($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(depth))');
    assert.equal(await evaluate(compiled, { depth: 10 }), 10);
    await assert.rejects(evaluate(compiled, { depth: 10 }, { maxDepth: 20 }), permanent('expression_limit_exceeded'));
    assert.equal(await evaluate(compiled, { depth: 10 }), 10);
  });
});

void describe('conditions', () => {
  void it('isTruthy follows JSONata $boolean, with nothing as false', () => {
    for (const value of [undefined, null, false, '', 0, [], {}, [0, ''], [[]]]) assert.equal(isTruthy(value), false, JSON.stringify(value));
    for (const value of [true, 'x', 1, -1, [0, 1], { a: 1 }, ['x']]) assert.equal(isTruthy(value), true, JSON.stringify(value));
  });

  void it('evaluateCondition evaluates the examples', async () => {
    const when = 'object.amount > $minor(1000, "usd") and object.currency = "usd"';
    assert.equal(await evaluateCondition(when, { object: { amount: 100001, currency: 'usd' } }), true);
    assert.equal(await evaluateCondition(when, { object: { amount: 100000, currency: 'usd' } }), false);
    assert.equal(await evaluateCondition(when, { object: { amount: 200000, currency: 'eur' } }), false);
    assert.equal(await evaluateCondition('refundAmount >= 500', { refundAmount: 499.99 }), false);
    assert.equal(await evaluateCondition('missing.thing', {}), false);
  });
});
