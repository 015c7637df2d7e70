// `tollgate users list` says whose login is locked after too many failed attempts, and until when;
// `tollgate users unlock` lets them in again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const data = tempDir();
let tollgate: RunningTollgate;
// Authentication off: the CLI acts as the admin without a key; logins are still checked and locked.
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });

before(async () => {
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples'], { env });
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
});

const userLine = (table: string, email: string) => table.split('\n').find((line) => line.startsWith(`${email} `)) ?? '';

void test('users list marks a locked login with when the lock ends, --json keeps locked_until, and users unlock clears it', async () => {
  const created = await fetch(`${tollgate.url}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lou@example.com', roles: ['viewer'], password: 'a long enough password' }) });
  assert.equal(created.status, 201, await created.text());
  assert.equal((await cli('users', 'create', 'pat@example.com', '--role', 'viewer')).code, 0);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const refused = await fetch(`${tollgate.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lou@example.com', password: 'not the password' }) });
    assert.equal(refused.status, 401, await refused.text());
  }

  const listed = await cli('users', 'list');
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /^EMAIL +NAME +ROLES +TEAMS +STATUS +LOCKED UNTIL +CREATED$/m);
  assert.match(userLine(listed.stdout, 'lou@example.com'), /viewer +- +active +\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ +\d{4}-/);
  assert.match(userLine(listed.stdout, 'pat@example.com'), /viewer +- +no password +- +\d{4}-/);
  assert.match(listed.stdout, /^a login is locked after too many failed attempts: `tollgate users unlock <email>` lets them in again now$/m);

  const json = await cli('users', 'list', '--json');
  const users = (JSON.parse(json.stdout) as { users: { email: string; locked_until: string | null }[] }).users;
  assert.ok(Date.parse(users.find((user) => user.email === 'lou@example.com')?.locked_until ?? '') > Date.now(), 'locked until a time to come');
  assert.equal(users.find((user) => user.email === 'pat@example.com')?.locked_until, null);

  const unlocked = await cli('users', 'unlock', 'lou@example.com');
  assert.equal(unlocked.code, 0, unlocked.stderr);
  assert.equal(unlocked.stdout.trim(), 'user lou@example.com: login unlocked');
  const after = await cli('users', 'list');
  assert.match(userLine(after.stdout, 'lou@example.com'), /viewer +- +active +- +\d{4}-/);
  assert.doesNotMatch(after.stdout, /locked after too many/);
});
