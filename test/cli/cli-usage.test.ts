import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { cleanEnv, deadServerUrl, runCli } from './cli-process.ts';

void test('--help lists every command group', async () => {
  const { code, stdout } = await runCli(['--help']);
  assert.equal(code, 0);
  for (const command of ['start', 'serve', 'worker', 'migrate', 'validate', 'apply', 'export', 'run', 'runs', 'workflows']) {
    assert.match(stdout, new RegExp(`^  ${command}\\b`, 'm'), `--help lists ${command}`);
  }
});

void test('subcommand help names its flags', async () => {
  const { code, stdout } = await runCli(['runs', 'list', '--help']);
  assert.equal(code, 0);
  for (const flag of ['--workflow', '--status', '--limit', '--cursor', '--server', '--api-key', '--json']) assert.ok(stdout.includes(flag), `runs list --help names ${flag}`);
});

void test('a malformed --input is a usage error naming the flag (exit 2), before any server is called', async () => {
  const { code, stderr } = await runCli(['run', 'triage', '--input', 'amount', '--server', await deadServerUrl()]);
  assert.equal(code, 2);
  assert.match(stderr, /--input/);
  assert.match(stderr, /key=value/);
  assert.doesNotMatch(stderr, /cannot reach/);
});

void test('an unknown flag and a bad --timeout are usage errors (exit 2)', async () => {
  const [unknown, timeout] = await Promise.all([runCli(['runs', 'list', '--bogus']), runCli(['run', 'triage', '--wait', '--timeout', 'soon'])]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown option '--bogus'/);
  assert.equal(timeout.code, 2);
  assert.match(timeout.stderr, /--timeout/);
});

void test('a server that does not answer gets one plain line and exit 1', async () => {
  const url = await deadServerUrl();
  const { code, stdout, stderr } = await runCli(['runs', 'list', '--server', url]);
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, `error: cannot reach the Tollgate server at ${url} (from --server): is it running? start it with \`tollgate start\`, or give where it listens with --server or TOLLGATE_SERVER\n`);
});

void test('TOLLGATE_SERVER is the default server', async () => {
  const url = await deadServerUrl();
  const { code, stderr } = await runCli(['workflows', 'list'], { env: { ...process.env, TOLLGATE_SERVER: url } });
  assert.equal(code, 1);
  assert.ok(stderr.includes(`at ${url} (from TOLLGATE_SERVER):`), stderr);
});

void test('the API key goes as a Bearer token; an API error prints its message, code and issues (exit 1)', async () => {
  const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {};
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      Object.assign(seen, { method: request.method, url: request.url, headers: request.headers, body });
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'input_invalid', message: 'the input has 1 problem(s):\n  input.amount: must be a number', issues: [{ path: 'input.amount', message: 'must be a number, got "x"' }] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { code, stdout, stderr } = await runCli(['run', 'refund', '--input', 'amount=x', '--input', 'note=a=b', '--server', url], { env: cleanEnv({ TOLLGATE_API_KEY: 'tg_secret' }) });
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, 'error: the input has 1 problem(s) (input_invalid)\n  input.amount: must be a number, got "x"\n');
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/api/v1/workflows/refund/runs');
    assert.equal(seen.headers?.authorization, 'Bearer tg_secret');
    assert.deepEqual(JSON.parse(seen.body ?? ''), { input: { amount: 'x', note: 'a=b' } });
  } finally {
    server.close();
  }
});
