/**
 * Expressions that try to leave the sandbox or exhaust the process, through
 * the public API: each is validated as part of a workflow, then evaluated by
 * running it. Each is refused by validation, or fails its step with a code,
 * or yields no value; none runs code, pollutes a prototype or hangs.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from '../server/api-harness.ts';

const PWN = 'globalThis.__tollgatePwned = true';

/** What must happen to the expression. */
type Expected = 'no value' | 'expression_failed' | 'expression_limit_exceeded' | { value: unknown };

const EVALUATED: [string, string, Expected][] = [
  ['Function through an object constructor', `{"a": 1}.constructor.constructor("${PWN}")()`, 'no value'],
  ['Function through a built-in function', `$string.constructor("${PWN}")()`, 'expression_failed'],
  ['Function through $lookup', `$lookup($lookup($, "constructor"), "constructor")("${PWN}")()`, 'expression_failed'],
  ['the prototype', '{"a": 1}.__proto__', 'no value'],
  ['the prototype by $lookup', '$lookup($, "__proto__")', 'no value'],
  ['prototype pollution by $merge', '$merge([{}, {"__proto__": {"polluted": true}}]).polluted', 'no value'],
  ['require', '$require("child_process")', 'expression_failed'],
  ['$eval of an escape', `$eval("$string.constructor('${PWN}')()")`, 'expression_failed'],
  ['$eval of a size bomb', `$eval("$pad('', 200000000)")`, 'expression_failed'],
  ['a backtracking regex on 30,000 characters', '$contains(text, /(a+)+$/)', { value: false }],
  ['endless recursion', '($rec := function($n) { $rec($n + 1) }; $rec(0))', 'expression_limit_exceeded'],
  ['a self-applying function', '(function($f) { $f($f) })(function($f) { $f($f) })', 'expression_limit_exceeded'],
  ['a giant string', '$pad("", 200000000)', 'expression_limit_exceeded'],
  ['a string doubled past the limit', '$join([1..30].($pad("", 40000, "x")))', 'expression_limit_exceeded'],
  ['a giant range', '$count([1..100000000])', 'expression_limit_exceeded'],
];

const REFUSED_BY_VALIDATION: [string, string][] = [
  ['Function through the root object', `$.constructor.constructor("${PWN}")()`],
  ['the root prototype', '$.__proto__'],
  ['the process', 'process.env'],
  ['a backreference regex', '$contains(text, /(a)\\1/)'],
  ['a lookahead regex', '$contains(text, /(?=a)a/)'],
  ['parentheses nested 50,000 deep', `${'('.repeat(50_000)}1${')'.repeat(50_000)}`],
  ['unary minus 100,000 deep', `${'-'.repeat(100_000)}1`],
  ['an assignment to a path', '$.__proto__.polluted := 1'],
];

const workflow = (id: string, expression: string) => ({
  kind: 'Workflow',
  id,
  trigger: { type: 'manual', input: [{ key: 'text', type: 'text', required: true }] },
  steps: [
    { id: 'evaluate', type: 'set', values: { out: `{{ ${expression} }}` } },
    { id: 'done', type: 'end', outcome: 'Evaluated' },
  ],
});

void describe('expression sandbox escapes', () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api.close();
    delete (globalThis as Record<string, unknown>).__tollgatePwned;
  });

  void it('validation refuses what cannot be run safely, at the step\'s field', async () => {
    for (const [what, expression] of REFUSED_BY_VALIDATION) {
      const answer = await api.post<ErrorBody>('/api/v1/validate', { documents: [workflow('refused', expression)] });
      assert.equal(answer.status, 400, `${what}: ${answer.text.slice(0, 300)}`);
      assert.equal(answer.body.error.code, 'definition_invalid', what);
      assert.ok(
        answer.body.error.issues?.some((issue) => issue.path.endsWith('steps[0].values.out')),
        `${what}: an issue at the step: ${JSON.stringify(answer.body.error.issues?.map((issue) => issue.path))}`,
      );
    }
  });

  void it('each escape validates, then runs to no value or fails its step with a code; no code ran and nothing was polluted', async () => {
    const text = `${'a'.repeat(30_000)}!`;
    const documents = EVALUATED.map(([, expression], index) => workflow(`escape-${index}`, expression));
    const validated = await api.post<ErrorBody>('/api/v1/validate', { documents });
    assert.equal(validated.status, 200, validated.text.slice(0, 500));
    const applied = await api.post<ErrorBody>('/api/v1/apply', { documents });
    assert.equal(applied.status, 200, applied.text.slice(0, 500));

    const started = await Promise.all(
      EVALUATED.map(async (_, index) => {
        const answer = await api.post<{ run: RunBody }>(`/api/v1/workflows/escape-${index}/runs`, { input: { text } });
        assert.equal(answer.status, 202, answer.text);
        return answer.body.run.id;
      }),
    );
    const health = await api.get('/healthz');
    assert.equal(health.status, 200, 'the server answers while the expressions run');

    const wrong: string[] = [];
    for (const [index, [what, , expected]] of EVALUATED.entries()) {
      const run = await api.t.waitForRun(started[index] ?? '', { timeoutMs: 60_000 });
      const out = run.variables.out;
      const got = run.status === 'failed' ? `failed ${run.error?.code}` : `${run.status} out=${JSON.stringify(out)}`;
      const ok =
        expected === 'no value'
          ? run.status === 'succeeded' && (out === undefined || out === null || out === '')
          : typeof expected === 'object'
            ? run.status === 'succeeded' && out === expected.value
            : run.status === 'failed' && run.error?.code === expected;
      if (!ok) wrong.push(`${what}: expected ${JSON.stringify(expected)}, got ${got}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal((globalThis as Record<string, unknown>).__tollgatePwned, undefined, 'no expression ran JavaScript');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
  });
});
