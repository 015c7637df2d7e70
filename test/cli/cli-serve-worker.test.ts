import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const GREET = `kind: Workflow
id: greet
trigger: { type: manual }
steps:
  - id: hello
    type: set
    values: { greeting: hello }
  - id: done
    type: end
    outcome: Greeted
`;

void test('serve takes runs without running them; a separate worker on the same database runs them', async () => {
  const data = tempDir();
  const file = join(data.path, 'greet.yaml');
  writeFileSync(file, GREET);
  const server = await launchTollgate(['serve', '--port', '0', '--data', data.path]);
  let worker: RunningTollgate | undefined;
  try {
    assert.match(server.banner, /no worker/);
    const cli = (...args: string[]) => runCli([...args, '--server', server.url]);
    assert.equal((await cli('apply', '-f', file)).code, 0);
    const queued = await cli('run', 'greet', '--json');
    assert.equal(queued.code, 0, queued.stderr);
    const id: string = JSON.parse(queued.stdout).run.id;
    const idle = await cli('runs', 'show', id, '--json');
    assert.equal(JSON.parse(idle.stdout).run.status, 'running', 'no worker: the run stays queued');

    worker = await launchTollgate(['worker'], { env: cleanEnv({ TOLLGATE_DATA: data.path }) });
    assert.match(worker.banner, /worker is running/);
    const done = await cli('run', 'greet', '--wait', '--timeout', '20s', '--json');
    assert.equal(done.code, 0, done.stdout + done.stderr);
    assert.equal(JSON.parse(done.stdout).run.variables.greeting, 'hello');

    const [workerExit, serverExit] = await Promise.all([worker.stop('SIGINT'), server.stop('SIGTERM')]);
    assert.deepEqual([workerExit.code, serverExit.code], [0, 0]);
  } finally {
    if (server.child.exitCode === null) await server.stop('SIGKILL');
    if (worker?.child.exitCode === null) await worker.stop('SIGKILL');
    data.remove();
  }
});
