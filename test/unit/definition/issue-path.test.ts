import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPath, parsePath, type PathKey } from '../../../src/definition/definition-issue.ts';

test('an issue path reads back as the keys it was written from', () => {
  const cases: PathKey[][] = [['steps', 2, 'with', 'amount'], ['offerings', 0, 'workflow'], ['config', 'a b', 'x'], ['metadata', 'say "hi"'], [3]];
  for (const keys of cases) assert.deepEqual(parsePath(formatPath(keys)), keys, formatPath(keys));
  assert.deepEqual(parsePath(''), []);
});
