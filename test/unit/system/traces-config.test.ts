import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { readConfig } from '../../../src/system/config.ts';

test('traces are off unless a collector is named; the general endpoint gets /v1/traces, the traces endpoint is taken as it is', () => {
  assert.equal(readConfig({}).traces, undefined);
  assert.deepEqual(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).traces, { url: 'http://collector:4318/v1/traces', serviceName: 'tollgate' });
  assert.deepEqual(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp' }).traces?.url, 'https://otel.example.com/otlp/v1/traces');
  assert.deepEqual(
    readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/in', OTEL_SERVICE_NAME: 'tollgate-eu' }).traces,
    { url: 'http://traces:9999/in', serviceName: 'tollgate-eu' },
  );
});

test('a collector address that is no http(s) URL names the variable', () => {
  assert.throws(
    () => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes('OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318"'),
  );
});
