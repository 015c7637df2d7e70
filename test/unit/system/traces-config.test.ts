import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { readConfig } from '../../../src/system/config.ts';

test('traces are off unless a collector is named; the general endpoint gets /v1/traces, the traces endpoint is taken as it is', () => {
  assert.equal(readConfig({}).traces, undefined);
  assert.deepEqual(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).traces, {
    url: 'http://collector:4318/v1/traces',
    serviceName: 'tollgate',
    sampler: 'parentbased_always_on',
    ratio: 1,
  });
  assert.deepEqual(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp' }).traces?.url, 'https://otel.example.com/otlp/v1/traces');
  assert.deepEqual(
    readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/in', OTEL_SERVICE_NAME: 'tollgate-eu' }).traces,
    { url: 'http://traces:9999/in', serviceName: 'tollgate-eu', sampler: 'parentbased_always_on', ratio: 1 },
  );
});

test('a collector address that is no http(s) URL names the variable', () => {
  assert.throws(
    () => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }),
    (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes('OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318"'),
  );
});

test('OTEL_TRACES_SAMPLER and its argument take OpenTelemetry\'s names and a share from 0 to 1; anything else names the variable', () => {
  const sampled = readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' }).traces;
  assert.equal(sampled?.sampler, 'parentbased_traceidratio');
  assert.equal(sampled?.ratio, 0.1);
  for (const [name, value] of [
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_TRACES_SAMPLER_ARG', '1.5'],
  ] as const) {
    assert.throws(
      () => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', [name]: value }),
      (error) => error instanceof InvalidInputError && error.code === 'config_invalid' && error.message.includes(`${name}="${value}"`),
    );
  }
});
