import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { readConfig } from '../../../src/system/config.ts';

function configError(env: NodeJS.ProcessEnv): InvalidInputError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof InvalidInputError && error.code === 'config_invalid') return error;
    throw error;
  }
  assert.fail(`readConfig took ${JSON.stringify(env)}`);
}

test('DATABASE_URL must be a postgres:// URL; a wrong one is named without its password', () => {
  assert.equal(readConfig({ DATABASE_URL: 'postgresql://ops:hunter2@db:5432/tollgate' }).databaseUrl, 'postgresql://ops:hunter2@db:5432/tollgate');
  const mysql = configError({ DATABASE_URL: 'mysql://ops:hunter2@db/tollgate' });
  assert.match(mysql.message, /^DATABASE_URL="mysql:\/\/ops:\*\*\*@db\/tollgate": a postgres:\/\/ or postgresql:\/\/ URL/);
  const garbled = configError({ DATABASE_URL: 'ops:hunter2 db' });
  assert.match(garbled.message, /^DATABASE_URL="ops:"… \(14 characters, the rest hidden\)/);
  for (const error of [mysql, garbled]) assert.doesNotMatch(error.message, /hunter2/);
});

test('a secret setting with a wrong value shows its first characters and length, never the rest', () => {
  const key = ' sk_live_51Hsecretsecretsecret';
  const error = configError({ STRIPE_SECRET_KEY: key });
  assert.match(error.message, /^STRIPE_SECRET_KEY=" sk_"… \(30 characters, the rest hidden\): a Stripe secret key starts with sk_test_/);
  assert.doesNotMatch(error.message, /secretsecret/);
  assert.doesNotMatch(configError({ TOLLGATE_SECRET_KEY: 'deadbeefcafe' }).message, /cafe/);
});

test('a port that is not one says what a port is, whatever is wrong with it', () => {
  for (const port of ['abc', '1.5', '-1', '70000']) {
    assert.match(configError({ TOLLGATE_PORT: port }).message, new RegExp(`^TOLLGATE_PORT="${port.replace('.', '\\.')}": a port number from 0 to 65535 \\(0 picks a free one\\)`));
  }
  assert.match(configError({ TOLLGATE_SANDBOX_PORT: 'x' }).message, /^TOLLGATE_SANDBOX_PORT="x": a port number/);
});

test('one bad setting is the message; several are counted, one per line', () => {
  const one = configError({ TOLLGATE_AUTH: 'maybe' });
  assert.equal(one.issues.length, 1);
  assert.equal(one.message, one.issues[0]?.message);
  const two = configError({ TOLLGATE_AUTH: 'maybe', TOLLGATE_PORT: 'abc' });
  assert.equal(two.message.split('\n')[0], '2 settings are not valid:');
  assert.equal(two.message.split('\n').length, 3);
});
