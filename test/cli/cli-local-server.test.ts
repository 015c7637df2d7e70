// Without --server or TOLLGATE_SERVER, the CLI finds a server running on this machine on another port through the
// note `tollgate start` leaves under ~/.config/tollgate/servers, and says which server it tried when it cannot reach it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanEnv, deadServerUrl, launchTollgate, runCli, tempDir } from './cli-process.ts';

// A home of its own: the notes of servers other tests (or people) run on this machine are not this test's.
const home = tempDir();
const data = tempDir();
const elsewhere = tempDir();
after(() => {
  for (const dir of [home, data, elsewhere]) dir.remove();
});

test('a client command uses the server tollgate start noted, with its key, from any folder', async () => {
  const env = cleanEnv({ HOME: home.path });
  const started = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples'], { env });
  try {
    assert.doesNotMatch(started.url, /:8080$/);
    const listed = await runCli(['workflows', 'list', '--json'], { env: { ...env, TOLLGATE_DATA: elsewhere.path }, cwd: elsewhere.path });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { workflows: [] }, 'an authenticated answer of the server started with --no-examples');
  } finally {
    await started.stop();
  }
});

test('a noted server that does not answer is named with the note it came from', async () => {
  const url = await deadServerUrl();
  const port = new URL(url).port;
  const notes = join(home.path, '.config', 'tollgate', 'servers');
  mkdirSync(notes, { recursive: true });
  // A server that is running (this test's process stands for it) but does not answer.
  writeFileSync(join(notes, `loopback-${port}.json`), JSON.stringify({ url, data_dir: data.path, pid: process.pid }));
  const failed = await runCli(['workflows', 'list'], { env: cleanEnv({ HOME: home.path, TOLLGATE_DATA: data.path }) });
  assert.equal(failed.code, 1);
  assert.equal(
    failed.stderr,
    `error: cannot reach the Tollgate server at ${url} (noted in ${join(notes, `loopback-${port}.json`)} by the server running on this machine for ${data.path}): is it running? start it with \`tollgate start\`, or give where it listens with --server or TOLLGATE_SERVER\n`,
  );
  const named = await runCli(['workflows', 'list'], { env: cleanEnv({ HOME: home.path, TOLLGATE_SERVER: url }) });
  assert.match(named.stderr, new RegExp(`at ${url.replaceAll('.', '\\.')} \\(from TOLLGATE_SERVER\\)`), 'a server named outright is used as named');
});
