import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { referencedRoots } from '../../../src/expression/referenced-roots.ts';

void describe('referencedRoots', () => {
  void it('finds the root variables of the example expressions', () => {
    const cases: Array<[string, string[]]> = [
      ['object.amount > $minor(1000, "usd") and object.currency = "usd"', ['object']],
      ['refundAmount >= 500', ['refundAmount']],
      ['charge.currency = "usd" and charge.amount < $minor(15, "usd")', ['charge']],
      ["$substring(chargeIdToRefund, 0, 3) = 'ch_' ? chargeIdToRefund", ['chargeIdToRefund']],
      ["$minor(refundAmount, 'usd')", ['refundAmount']],
      ['request.id', ['request']],
      ["$money(stripeRefundResult.amount, 'usd')", ['stripeRefundResult']],
      ['charge.amount - charge.amount_refunded', ['charge']],
      ['$money(charge.amount, charge.currency)', ['charge']],
      [
        "error ? 'We could not process your refund: ' & error.message : 'Reason: ' & (finance_approval.comment ? finance_approval.comment : csm_review.comment)",
        ['error', 'finance_approval', 'csm_review'],
      ],
    ];
    for (const [source, roots] of cases) assert.deepEqual(referencedRoots(source), roots, source);
  });

  void it('reads through operators, blocks, constructors and function arguments', () => {
    assert.deepEqual(referencedRoots('-a + b * c'), ['a', 'b', 'c']);
    assert.deepEqual(referencedRoots('{"x": d, "y": [e, f]}'), ['d', 'e', 'f']);
    assert.deepEqual(referencedRoots('($t := g; $t.h)'), ['g']);
    assert.deepEqual(referencedRoots('i ~> $join(j)'), ['i', 'j']);
    assert.deepEqual(referencedRoots('k ?: l'), ['k', 'l']);
    assert.deepEqual(referencedRoots('$lookup(m, "n")[0].o'), ['m']);
    assert.deepEqual(referencedRoots('(p).q'), ['p']);
    assert.deepEqual(referencedRoots('$$.r.s'), ['r']);
    assert.deepEqual(referencedRoots('`odd name`.t'), ['odd name']);
  });

  void it('leaves out names read relative to something else, bindings and functions', () => {
    assert.deepEqual(referencedRoots('items[amount > 100].id'), ['items']);
    assert.deepEqual(referencedRoots('items^(created).id'), ['items']);
    assert.deepEqual(referencedRoots('items{currency: $sum(amount)}'), ['items']);
    assert.deepEqual(referencedRoots('$map(items, function($v) { $v.amount + fee })'), ['items']);
    assert.deepEqual(referencedRoots('$x.y'), []);
    assert.deepEqual(referencedRoots('$now()'), []);
    assert.deepEqual(referencedRoots('"usd"'), []);
  });

  void it('lists each name once, in order of first use', () => {
    assert.deepEqual(referencedRoots('b.x + a.y + b.z'), ['b', 'a']);
  });

  void it('throws expression_invalid for a source that does not parse', () => {
    assert.throws(() => referencedRoots('a >'), { code: 'expression_invalid' });
  });
});
