import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, PASSWORD, userWithKey } from './identity-fixtures.ts';

const LOCK_SECONDS = 15 * 60;

function attempt(api: ApiHarness, email: string, password: string, remoteAddress = '127.0.0.1') {
  return api.call<ErrorBody>({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
}

async function failTimes(api: ApiHarness, email: string, times: number, remoteAddress?: string): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const answer = await attempt(api, email, 'not the password', remoteAddress);
    assert.equal(answer.status, 401, `failure ${i + 1} for ${email}`);
    assert.equal(answer.body.error.code, 'login_failed');
  }
}

test('5 wrong passwords lock the account: 429 login_locked with Retry-After, the right password too, and an unknown email gets the same answer', async () => {
  const clock = new ManualClock();
  const api = await startApi({ auth: 'required', clock });
  try {
    await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    await failTimes(api, 'pat@example.com', 5);
    const locked = await attempt(api, 'pat@example.com', PASSWORD);
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.code, 'login_locked');
    assert.equal(locked.headers['retry-after'], String(LOCK_SECONDS));
    assert.equal(locked.headers['set-cookie'], undefined, 'no session while locked');

    await failTimes(api, 'nobody@example.com', 5);
    const unknown = await attempt(api, 'nobody@example.com', PASSWORD);
    assert.equal(unknown.status, 429);
    assert.deepEqual(unknown.body, locked.body, 'no telling whether the email is a user');
    assert.equal(unknown.headers['retry-after'], String(LOCK_SECONDS));

    clock.advance(LOCK_SECONDS * 1000);
    await failTimes(api, 'pat@example.com', 5);
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD)).headers['retry-after'], String(2 * LOCK_SECONDS), 'the lock ended; the next one lasts longer');
    clock.advance(2 * LOCK_SECONDS * 1000);
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD)).status, 200, 'the lock ends');
  } finally {
    await api.close();
  }
});

test('a successful login resets the account count; an admin unlocks a locked account', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const editor = await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    await failTimes(api, 'pat@example.com', 4);
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD)).status, 200);
    await failTimes(api, 'pat@example.com', 4);
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD)).status, 200, 'the earlier 4 no longer count');

    await failTimes(api, 'pat@example.com', 5);
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD)).status, 429);
    const refused = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/users/pat@example.com/unlock', headers: bearer(editor.key) });
    assert.equal(refused.status, 403, 'only admins unlock');
    const unlock = await api.call<{ user: { email: string } }>({ method: 'POST', url: '/api/v1/users/PAT@example.com/unlock', headers: bearer(admin.key) });
    assert.equal(unlock.status, 200);
    assert.equal(unlock.body.user.email, 'pat@example.com');
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD)).status, 200);
  } finally {
    await api.close();
  }
});

test('20 failures from one address lock logins from it for every account; other addresses still log in', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    for (let i = 0; i < 20; i += 1) await failTimes(api, `guess${i}@example.com`, 1, '203.0.113.7');
    const locked = await attempt(api, 'pat@example.com', PASSWORD, '203.0.113.7');
    assert.equal(locked.status, 429);
    assert.equal(locked.body.error.code, 'login_locked');
    assert.equal(locked.headers['retry-after'], String(LOCK_SECONDS));
    assert.equal((await attempt(api, 'pat@example.com', PASSWORD, '198.51.100.1')).status, 200);
  } finally {
    await api.close();
  }
});

test('the users list says whose login is locked and until when; an unlock or the lock running out clears it; an address lock is no account lock', async () => {
  const clock = new ManualClock(new Date('2026-04-01T08:00:00Z'));
  const api = await startApi({ auth: 'required', clock });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    await userWithKey(api.t.system.app, 'pat@example.com', ['editor']);
    await userWithKey(api.t.system.app, 'sam@example.com', ['editor']);
    type UserLock = { email: string; locked_until: string | null };
    const locks = async () => {
      const answer = await api.call<{ users: UserLock[] }>({ method: 'GET', url: '/api/v1/users', headers: bearer(admin.key) });
      assert.equal(answer.status, 200, answer.text);
      return Object.fromEntries(answer.body.users.map((user) => [user.email, user.locked_until]));
    };
    assert.deepEqual(await locks(), { 'admin@example.com': null, 'pat@example.com': null, 'sam@example.com': null });

    await failTimes(api, 'pat@example.com', 4);
    assert.equal((await locks())['pat@example.com'], null, 'four failures lock nothing yet');
    await failTimes(api, 'pat@example.com', 1);
    assert.deepEqual(await locks(), { 'admin@example.com': null, 'pat@example.com': '2026-04-01T08:15:00.000Z', 'sam@example.com': null });
    const one = await api.call<{ user: UserLock }>({ method: 'GET', url: '/api/v1/users/pat@example.com', headers: bearer(admin.key) });
    assert.equal(one.body.user.locked_until, '2026-04-01T08:15:00.000Z', 'one user says so too');

    const unlocked = await api.call<{ user: UserLock }>({ method: 'POST', url: '/api/v1/users/pat@example.com/unlock', headers: bearer(admin.key) });
    assert.equal(unlocked.status, 200, unlocked.text);
    assert.equal(unlocked.body.user.locked_until, null, 'the unlock answers the user unlocked');
    assert.equal((await locks())['pat@example.com'], null);

    await failTimes(api, 'pat@example.com', 5);
    clock.advance(LOCK_SECONDS * 1000);
    assert.equal((await locks())['pat@example.com'], null, 'a lock that ran out is no lock');

    // 20 failures from one address, 4 of them for sam: logins from there are refused, but sam's account is not locked.
    for (let i = 0; i < 20; i += 1) await failTimes(api, i < 4 ? 'sam@example.com' : `guess${i}@example.com`, 1, '203.0.113.9');
    assert.equal((await attempt(api, 'sam@example.com', PASSWORD, '203.0.113.9')).status, 429, 'the address is locked');
    assert.equal((await locks())['sam@example.com'], null, 'but not sam’s account');
  } finally {
    await api.close();
  }
});
