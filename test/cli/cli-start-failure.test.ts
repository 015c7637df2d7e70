import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, test } from 'node:test';
import { closedPort } from '../support/closed-port.ts';
import { cleanEnv, launchTollgate, runCli, tempDir } from './cli-process.ts';

// A start that cannot listen says why in plain words, and leaves no first admin whose password nobody saw.
const data = tempDir();
let busy: Server;
let busyPort = 0;

before(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const address = busy.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  busyPort = address.port;
});

after(async () => {
  await new Promise<void>((resolve) => busy.close(() => resolve()));
  data.remove();
});

test('start on a busy port names the port and the setting, and the next start still shows the first admin', async () => {
  const failed = await runCli(['start', '--port', String(busyPort), '--data', data.path, '--no-examples']);
  assert.equal(failed.code, 1, failed.stderr);
  assert.match(failed.stderr, new RegExp(`error: 127\\.0\\.0\\.1:${busyPort} is already in use .*--port or TOLLGATE_PORT`));
  assert.doesNotMatch(failed.stderr, /bug in Tollgate/);
  assert.doesNotMatch(failed.stdout, /password/);

  const started = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples'], { env: cleanEnv() });
  try {
    assert.match(started.banner, /admin +admin@localhost +password \S+/);
  } finally {
    await started.stop();
  }
});

test('a bad setting or an unreachable database fails start at once, said once, with what to fix', async () => {
  const badPort = await runCli(['start', '--no-examples'], { env: cleanEnv({ TOLLGATE_DATA: data.path, TOLLGATE_PORT: 'eighty' }) });
  assert.equal(badPort.code, 1);
  assert.equal(badPort.stderr, 'error: TOLLGATE_PORT="eighty": a port number from 0 to 65535 (0 picks a free one) (Port the server listens on. Default 8080)\n');

  const noDatabase = await runCli(['serve', '--port', '0'], { env: cleanEnv({ TOLLGATE_DATA: data.path, DATABASE_URL: `postgres://ops:hunter2@127.0.0.1:${await closedPort()}/tollgate` }) });
  assert.equal(noDatabase.code, 1);
  assert.match(noDatabase.stderr, /^error: cannot use the database at postgres:\/\/ops:\*\*\*@127\.0\.0\.1:\d+\/tollgate: .+\. Check that PostgreSQL is running and reachable from here, and that DATABASE_URL is right\.\n$/);
  assert.doesNotMatch(noDatabase.stderr, /retried|hunter2/);
});

test('start on an address this machine does not have names the setting, not a bug (the sandbox listens there first)', async () => {
  const failed = await runCli(['start', '--no-examples', '--port', '0', '--host', '999.1.1.1'], { env: cleanEnv({ TOLLGATE_DATA: data.path }) });
  assert.equal(failed.code, 1);
  assert.equal(failed.stderr, 'error: cannot listen on 999.1.1.1: no such address on this machine; set --host or TOLLGATE_HOST\n');
});

test('a database host that accepts the connection and never answers fails start, serve, worker and migrate in bounded time, naming the host, the setting and what to check', async () => {
  // A PostgreSQL that takes the TCP connection and then says nothing: as a hung server, or a proxy with nothing behind it.
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const env = cleanEnv({ TOLLGATE_DATA: data.path, DATABASE_URL: `postgres://ops:hunter2@127.0.0.1:${address.port}/tollgate`, TOLLGATE_DATABASE_CONNECT_TIMEOUT: '1s' });
  try {
    for (const command of [['migrate'], ['worker'], ['serve', '--port', '0'], ['start', '--port', '0', '--no-examples']]) {
      const failed = await runCli(command, { env });
      assert.equal(failed.code, 1, `${command[0]}: ${failed.stderr}`);
      assert.match(failed.stderr, new RegExp(`^error: cannot use the database at postgres://ops:\\*\\*\\*@127\\.0\\.0\\.1:${address.port}/tollgate: 127\\.0\\.0\\.1:${address.port} did not complete a connection within 1 s\\.`), command[0]);
      assert.match(failed.stderr, /give it longer with TOLLGATE_DATABASE_CONNECT_TIMEOUT \(now 1s\)\.\n$/, command[0]);
      assert.doesNotMatch(failed.stderr, /hunter2|retried/, command[0]);
    }
  } finally {
    silent.close();
  }
  assert.match((await runCli(['migrate'], { env: { ...env, TOLLGATE_DATABASE_CONNECT_TIMEOUT: '10' } })).stderr, /^error: TOLLGATE_DATABASE_CONNECT_TIMEOUT="10": a duration from 1s to 10m/);
});
