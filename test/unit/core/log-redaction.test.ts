import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCliLogger } from '../../../src/cli/cli-logger.ts';
import { redactUrlSecrets } from '../../../src/core/log-redaction.ts';
import { readConfig } from '../../../src/system/config.ts';

test("the process logger masks credentials: request headers, passwords, tokens, api keys, a payment intent's client_secret", () => {
  const lines: string[] = [];
  const logger = createCliLogger(readConfig({ TOLLGATE_LOG_LEVEL: 'debug' }), { write: (line: string) => void lines.push(line) });
  logger.info(
    {
      headers: { authorization: 'Bearer tg_live_KEY1', cookie: 'tollgate_session=SESSION1', 'x-api-key': 'XAPIKEY1', accept: 'application/json' },
      req: { headers: { authorization: 'Basic AUTH2', 'set-cookie': 'SETCOOKIE2' } },
      password: 'PASSWORD1',
      user: { password: 'PASSWORD2', email: 'ops@example.com' },
      connector: { config: { api_key: 'APIKEY3', token: 'TOKEN3' } },
      output: { intent: { id: 'pi_1', client_secret: 'pi_1_secret_CLIENTSECRET4' } },
    },
    'something happened',
  );
  assert.equal(lines.length, 1);
  const line = lines[0] ?? '';
  for (const secret of ['KEY1', 'SESSION1', 'XAPIKEY1', 'AUTH2', 'SETCOOKIE2', 'PASSWORD1', 'PASSWORD2', 'APIKEY3', 'TOKEN3', 'CLIENTSECRET4']) assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
  const logged = JSON.parse(line);
  assert.equal(logged.headers.authorization, '**redacted**');
  assert.equal(logged.headers.accept, 'application/json', 'other fields are kept');
  assert.equal(logged.user.email, 'ops@example.com');
  assert.equal(logged.output.intent.client_secret, '**redacted**');
  assert.equal(logged.output.intent.id, 'pi_1');
});

test('a logged URL keeps its path and ordinary parameters and masks secret ones', () => {
  assert.equal(redactUrlSecrets('/webhooks/workflows/w1?token=abc&page=2&API_KEY=k&client%5Fsecret=s'), '/webhooks/workflows/w1?token=**redacted**&page=2&API_KEY=**redacted**&client%5Fsecret=**redacted**');
  assert.equal(redactUrlSecrets('/api/v1/runs'), '/api/v1/runs');
  assert.equal(redactUrlSecrets('/api/v1/runs?flag&status=failed'), '/api/v1/runs?flag&status=failed');
});
