import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { TollgateError } from '../../../src/core/errors.ts';
import { checkYamlBlockDepth } from '../../../src/server/yaml-block-depth.ts';

const refusal = (text: string, maxDepth?: number): TollgateError => {
  try {
    checkYamlBlockDepth(text, maxDepth);
  } catch (error) {
    if (error instanceof TollgateError) return error;
    throw error;
  }
  return assert.fail('not refused');
};

test('every example workflow passes, far below the limit', () => {
  const folder = new URL('../../../examples/', import.meta.url);
  const files = readdirSync(folder).filter((name) => name.endsWith('.yaml'));
  assert.ok(files.length > 0);
  for (const name of files) assert.doesNotThrow(() => checkYamlBlockDepth(readFileSync(new URL(name, folder), 'utf8'), 16), name);
});

test('indentation counts one level per step deeper, whatever its width; blank lines and comments do not count', () => {
  const nested = (levels: number, width: number) => Array.from({ length: levels }, (_, level) => `${' '.repeat(level * width)}k${level}:`).join('\n');
  assert.doesNotThrow(() => checkYamlBlockDepth(nested(10, 4), 10));
  assert.doesNotThrow(() => checkYamlBlockDepth(`${nested(10, 1)}\n\n      # a comment\n`, 10));
  assert.equal(refusal(nested(11, 1), 10).code, 'body_too_deep');
  assert.doesNotThrow(() => checkYamlBlockDepth(`${nested(10, 2)}\nback: 1\n${nested(10, 2)}`, 10), 'dedenting closes levels');
});

test('entries nested on one line count, and the refusal names the line and the limit', () => {
  assert.doesNotThrow(() => checkYamlBlockDepth('- - - 1', 4));
  const error = refusal(`kind: Workflow\nsteps:\n  ${'- '.repeat(100)}x`);
  assert.equal(error.code, 'body_too_deep');
  assert.match(error.message, /more than 64 levels deep \(the limit\) at line 3/);
  assert.equal(error.path, 'body');
});
