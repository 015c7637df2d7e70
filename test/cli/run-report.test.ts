import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunDetailView, StepView } from '../../src/cli/api-types.ts';
import { PLAIN } from '../../src/cli/colour.ts';
import { progressLines } from '../../src/cli/run-progress.ts';
import { foldValue } from '../../src/cli/value-text.ts';

test('foldValue keeps short values whole and folds large objects and lists', () => {
  assert.equal(foldValue('plain text'), 'plain text');
  assert.equal(foldValue({ a: 1 }), '{"a":1}');
  assert.equal(foldValue({ amount: 12.5, currency: 'usd' }), '12.50 USD');
  assert.equal(foldValue(Array.from({ length: 40 }, (_, index) => index)), '[40 items, see --verbose]');
  const large = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`field_${index}`, `value number ${index}`]));
  assert.match(foldValue(large), /^\{field_0: value number 0, field_1: value number 1, … 28 more fields, see --verbose\}$/);
});

const attempt = (path: string, status: string, attemptNumber = 1): StepView => ({
  step_path: path,
  step_id: path,
  step_type: 'action',
  visit: 1,
  attempt: attemptNumber,
  status,
  input: null,
  output: null,
  error: status === 'retrying' ? { code: 'http_503', message: 'the server was busy' } : null,
  started_at: '2026-03-01T10:00:00.000Z',
  finished_at: '2026-03-01T10:00:01.500Z',
});

test('run --wait progress reports each attempt once, and a parked step again when it goes on', () => {
  const reported = new Set<string>();
  const detail = (steps: StepView[]) => ({ run: {}, steps }) as unknown as RunDetailView;
  assert.deepEqual(progressLines(detail([attempt('charge', 'retrying')]), reported, PLAIN), ['  charge (action) retrying in 1.5s: the server was busy (http_503)']);
  assert.deepEqual(progressLines(detail([attempt('charge', 'retrying')]), reported, PLAIN), []);
  assert.deepEqual(progressLines(detail([attempt('charge', 'retrying'), attempt('charge', 'succeeded', 2), attempt('notify', 'waiting')]), reported, PLAIN), [
    '  charge (action) succeeded in 1.5s',
    '  notify (action) waiting',
  ]);
  assert.deepEqual(progressLines(detail([attempt('notify', 'succeeded')]), reported, PLAIN), ['  notify (action) succeeded in 1.5s']);
});
