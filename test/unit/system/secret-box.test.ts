import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TollgateError } from '../../../src/core/errors.ts';
import { secretBox } from '../../../src/system/secret-box.ts';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

test('a sealed value opens with its key and binding only, and holds no clear text', async () => {
  const box = secretBox({ configured: KEY_A, dataDir: '/nonexistent' });
  const sealed = await box.seal('whsec_very_secret', 'connector notifications SECRET');
  assert.match(sealed, /^v1:[A-Za-z0-9+/=]+$/);
  assert.ok(!sealed.includes('very_secret'));
  assert.notEqual(await box.seal('whsec_very_secret', 'connector notifications SECRET'), sealed, 'a fresh IV each time');
  assert.equal(await box.open(sealed, 'connector notifications SECRET'), 'whsec_very_secret');
  const code = async (promise: Promise<unknown>) => promise.then(() => 'opened', (error: unknown) => (error instanceof TollgateError ? error.code : String(error)));
  assert.equal(await code(box.open(sealed, 'connector other SECRET')), 'secret_unreadable', 'bound to its connector and name');
  assert.equal(await code(secretBox({ configured: KEY_B, dataDir: '/nonexistent' }).open(sealed, 'connector notifications SECRET')), 'secret_unreadable');
  assert.equal(await code(secretBox({ configured: 'short', dataDir: '/nonexistent' }).seal('x', 'y')), 'secret_key_invalid');
});

test('without TOLLGATE_SECRET_KEY the key is made once in <data dir>/secret.key (mode 0600) and kept', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tollgate-secret-box-'));
  try {
    const sealed = await secretBox({ configured: undefined, dataDir }).seal('value', 'binding');
    const file = join(dataDir, 'secret.key');
    assert.match(await readFile(file, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal(await secretBox({ configured: undefined, dataDir }).open(sealed, 'binding'), 'value', 'a new process reads the same key');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
