import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { ENVIRONMENT, readConfig } from '../../../src/system/config.ts';

test('TOLLGATE_MEMORY takes lean or fast; another value fails start-up and names the variable', () => {
  assert.ok('TOLLGATE_MEMORY' in ENVIRONMENT, 'documented with the other variables');
  assert.doesNotThrow(() => readConfig({ TOLLGATE_MEMORY: 'lean' }));
  assert.doesNotThrow(() => readConfig({ TOLLGATE_MEMORY: 'fast' }));
  assert.throws(
    () => readConfig({ TOLLGATE_MEMORY: 'small' }),
    (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes('TOLLGATE_MEMORY="small"'),
  );
});
