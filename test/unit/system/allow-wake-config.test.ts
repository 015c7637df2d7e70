import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { readConfig } from '../../../src/system/config.ts';

test('TOLLGATE_ALLOW_WAKE is false unless set to true; another value names the variable', () => {
  assert.equal(readConfig({}).allowWake, false);
  assert.equal(readConfig({ TOLLGATE_ALLOW_WAKE: 'true' }).allowWake, true);
  assert.equal(readConfig({ TOLLGATE_ALLOW_WAKE: 'false' }).allowWake, false);
  assert.throws(
    () => readConfig({ TOLLGATE_ALLOW_WAKE: 'yes' }),
    (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes('TOLLGATE_ALLOW_WAKE="yes"'),
  );
});
