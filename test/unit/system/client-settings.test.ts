import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { CLIENT_ENVIRONMENT, readClientSettings, readSandboxUrl } from '../../../src/system/client-settings.ts';
import { ENVIRONMENT, readConfig } from '../../../src/system/config.ts';

const isConfigError = (name: string) => (error: unknown) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.startsWith(`${name}=`);

test('a client reads the server URL, API key and data directory, with the defaults the full configuration has', () => {
  const defaults = readClientSettings({});
  const config = readConfig({});
  assert.deepEqual(defaults, { serverUrl: config.serverUrl, apiKey: undefined, dataDir: config.dataDir });
  assert.deepEqual(readClientSettings({ TOLLGATE_SERVER: ' https://tollgate.example.com/base ', TOLLGATE_API_KEY: 'tg_key', TOLLGATE_DATA: '/var/tollgate' }), {
    serverUrl: 'https://tollgate.example.com/base',
    apiKey: 'tg_key',
    dataDir: '/var/tollgate',
  });
  assert.deepEqual(readClientSettings({ TOLLGATE_SERVER: '', TOLLGATE_API_KEY: '' }), defaults, 'an empty variable counts as unset');
});

test('a server URL that is not http(s) fails the client and the full configuration alike, naming the variable', () => {
  for (const url of ['localhost:8080', 'ftp://example.com', 'not a url']) {
    assert.throws(() => readClientSettings({ TOLLGATE_SERVER: url }), isConfigError('TOLLGATE_SERVER'), url);
    assert.throws(() => readConfig({ TOLLGATE_SERVER: url }), isConfigError('TOLLGATE_SERVER'), url);
  }
  assert.equal(readConfig({ TOLLGATE_SERVER: ' http://127.0.0.1:9000 ' }).serverUrl, 'http://127.0.0.1:9000');
});

test('the full configuration documents every client variable with the same words', () => {
  for (const [name, meaning] of Object.entries(CLIENT_ENVIRONMENT)) assert.equal(ENVIRONMENT[name as keyof typeof ENVIRONMENT], meaning, name);
});

test('tollgate stripe commands find the sandbox at TOLLGATE_SANDBOX_URL, else the local TOLLGATE_SANDBOX_PORT, checked as the full configuration checks them', () => {
  assert.equal(readSandboxUrl({}), 'http://127.0.0.1:12111');
  assert.equal(readSandboxUrl({}), readConfig({}).sandboxUrl, 'the same default');
  assert.equal(readSandboxUrl({ TOLLGATE_SANDBOX_PORT: '4242' }), 'http://127.0.0.1:4242');
  assert.equal(readSandboxUrl({ TOLLGATE_SANDBOX_URL: ' http://sandbox.internal:9000 ', TOLLGATE_SANDBOX_PORT: '4242' }), 'http://sandbox.internal:9000');
  assert.equal(readConfig({ TOLLGATE_SANDBOX_URL: ' http://sandbox.internal:9000 ' }).sandboxUrl, 'http://sandbox.internal:9000');
  for (const url of ['127.0.0.1:12111', 'ws://127.0.0.1:12111']) {
    assert.throws(() => readSandboxUrl({ TOLLGATE_SANDBOX_URL: url }), isConfigError('TOLLGATE_SANDBOX_URL'), url);
    assert.throws(() => readConfig({ TOLLGATE_SANDBOX_URL: url }), isConfigError('TOLLGATE_SANDBOX_URL'), url);
  }
  assert.throws(() => readSandboxUrl({ TOLLGATE_SANDBOX_PORT: 'x' }), isConfigError('TOLLGATE_SANDBOX_PORT'));
});
