import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError, PermanentError } from '../../../src/core/errors.ts';
import { checkExpression, compileExpression, evaluate } from '../../../src/expression/expression.ts';
import type { EvaluateOptions } from '../../../src/expression/expression.ts';
import { evaluateCondition } from '../../../src/expression/condition.ts';

function run(source: string, variables: Record<string, unknown> = {}, options: EvaluateOptions = {}): Promise<unknown> {
  return evaluate(compileExpression(source), variables, options);
}

function limitExceeded(limit: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof PermanentError, `expected a PermanentError, got ${String(error)}`);
    assert.equal(error.code, 'expression_limit_exceeded');
    assert.equal(error.details?.limit, limit);
    assert.match(error.message, new RegExp(`${limit} limit`));
    return true;
  };
}

void describe('expression size limits', () => {
  void it('refuses a $pad past the string limit before making it', async () => {
    await assert.rejects(run('$pad("", 50000000)'), limitExceeded('maxStringLength'));
    await assert.rejects(run('$split($pad("", 200000000), "")'), limitExceeded('maxStringLength'));
    await assert.rejects(run('$pad("x", -2000, "ab")', {}, { maxStringLength: 1000 }), limitExceeded('maxStringLength'));
  });

  void it('refuses ranges and sequences past the item limit', async () => {
    await assert.rejects(run('[1..10000000]'), limitExceeded('maxItems'));
    await assert.rejects(run('$count([1..1000].([1..1000]))'), limitExceeded('maxItems'));
    await assert.rejects(run('[1..200]', {}, { maxItems: 100 }), limitExceeded('maxItems'));
  });

  void it('refuses strings grown past the limit step by step, by $join and by $string', async () => {
    const big = 'x'.repeat(600_000);
    await assert.rejects(run('s & s', { s: big }), limitExceeded('maxStringLength'));
    await assert.rejects(run('$join([s, s])', { s: big }), limitExceeded('maxStringLength'));
    await assert.rejects(run('$string([1..1000].{"s": $$.s})', { s: big }), limitExceeded('maxStringLength'));
    await assert.rejects(run('$replace("aaaaaaaaaa", "a", s)', { s: big }), limitExceeded('maxStringLength'));
    await assert.rejects(run('$split(s, "")', { s: big }), limitExceeded('maxItems'));
  });

  void it('keeps the results of the bounded built-ins', async () => {
    assert.equal(await run('$pad("7", 3, "0")'), '700');
    assert.equal(await run('$pad("7", -3, "0")'), '007');
    assert.equal(await run('$pad("ab", 7, "xy")'), 'abxyxyx');
    assert.equal(await run('$pad("ab", 1)'), 'ab');
    assert.equal(await run('$join(["a", "b", "c"], ", ")'), 'a, b, c');
    assert.equal(await run('$join(["a", "b"])'), 'ab');
    assert.equal(await run('$string({"a": [1, 2.5, "x"], "b": true})'), '{"a":[1,2.5,"x"],"b":true}');
    assert.equal(await run('$string(0.1 + 0.2)'), '0.3');
    assert.equal(await run('$string("plain")'), 'plain');
    assert.equal(await run('$string({"a": 1}, true)'), '{\n  "a": 1\n}');
    assert.equal(await run('$count([1..100000])'), 100000);
  });
});

void describe('regular expressions in expressions', () => {
  void it('run /(a+)+$/ on a string that makes a backtracking engine take exponential time', async () => {
    const text = `${'a'.repeat(25)}!`;
    assert.equal(await run('$contains(text, /(a+)+$/)', { text }), false);
    assert.equal(await evaluateCondition('$contains(object.description, /(a+)+$/)', { object: { description: text } }), false);
    assert.equal(await run('$contains(text, /(a+)+$/)', { text: `${'a'.repeat(100_000)}!` }), false);
  });

  void it('keep $match, $replace, $split and $contains working', async () => {
    assert.deepEqual(await run('$match("ch_1 ch_22", /ch_(\\d+)/)'), [
      { match: 'ch_1', index: 0, groups: ['1'] },
      { match: 'ch_22', index: 5, groups: ['22'] },
    ]);
    assert.equal(await run('$replace("a1b22c", /\\d+/, "#")'), 'a#b#c');
    assert.equal(await run('$replace("John Smith", /(\\w+)\\s(\\w+)/, "$2, $1")'), 'Smith, John');
    assert.equal(await run('$replace("aaa", /a/, "b", 2)'), 'bba');
    assert.equal(await run('$replace("abc", /B/i, function($m) { $uppercase($m.match) & "!" })'), 'aB!c');
    assert.deepEqual(await run('$split("a, b,c", /,\\s*/)'), ['a', 'b', 'c']);
    assert.equal(await run('$contains("Refund FOR order", /for/i)'), true);
    assert.equal(await run('$contains("line1\\nline2", /^line2$/m)'), true);
    assert.equal(await run('$contains("line1\\nline2", /^line2$/)'), false);
    assert.equal(await run('$contains("😀x", /x/)'), true);
    assert.deepEqual(await run('$match("😀ab", /b/).index'), 3);
    assert.deepEqual(await run('$match("2024-05-01", /(?<year>\\d{4})-(\\d{2})/).groups'), ['2024', '05']);
    assert.deepEqual(await run('charges[$contains(id, /^ch_/)].id', { charges: [{ id: 'ch_1' }, { id: 'pi_2' }, { id: 'ch_3' }] }), ['ch_1', 'ch_3']);
  });

  void it('refuse backreferences and lookaround when compiled, naming the pattern', () => {
    for (const source of ['$contains(x, /(a)\\1/)', '$match(x, /a(?=b)/)', '$replace(x, /(?<!a)b/, "")', 'items[$contains(name, /(?!x)y/)]']) {
      assert.throws(
        () => compileExpression(source),
        (error: unknown) => error instanceof InvalidInputError && error.code === 'regex_unsupported' && error.message.includes(source),
        source,
      );
      const issue = checkExpression(source, { path: 'steps[0].when' });
      assert.equal(issue?.path, 'steps[0].when');
      assert.match(issue?.message ?? '', /linear-time engine without backreferences or lookaround/);
    }
  });
});
