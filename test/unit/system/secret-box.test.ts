import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TollgateError } from '../../../src/core/errors.ts';
import { sealedKeyId, secretBox } from '../../../src/system/secret-box.ts';
import { keyIdOf, renewKeyFile } from '../../../src/system/secret-key-ring.ts';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
const ID_A = keyIdOf(Buffer.from(KEY_A, 'hex'));
const ID_B = keyIdOf(Buffer.from(KEY_B, 'hex'));

const code = async (promise: Promise<unknown>) => promise.then(() => 'opened', (error: unknown) => (error instanceof TollgateError ? error.code : String(error)));

test('a sealed value names its key id, opens with its key and binding only, and holds no clear text', async () => {
  const box = secretBox({ configured: KEY_A, dataDir: '/nonexistent' });
  const sealed = await box.seal('whsec_very_secret', 'connector notifications SECRET');
  assert.match(sealed, new RegExp(`^v2:${ID_A}:[A-Za-z0-9+/=]+$`));
  assert.equal(sealedKeyId(sealed), ID_A);
  assert.match(ID_A, /^[0-9a-f]{8}$/);
  assert.ok(!sealed.includes('very_secret'));
  assert.notEqual(await box.seal('whsec_very_secret', 'connector notifications SECRET'), sealed, 'a fresh IV each time');
  assert.equal(await box.open(sealed, 'connector notifications SECRET'), 'whsec_very_secret');
  assert.equal(await code(box.open(sealed, 'connector other SECRET')), 'secret_unreadable', 'bound to its connector and name');
  assert.equal(await code(box.open(sealed.replace(/.{4}$/, 'AAAA'), 'connector notifications SECRET')), 'secret_unreadable', 'tampered');
  assert.equal(await code(box.open('plain text', 'connector notifications SECRET')), 'secret_unreadable');
  assert.equal(await code(secretBox({ configured: 'short', dataDir: '/nonexistent' }).seal('x', 'y')), 'secret_key_invalid');
  assert.equal(await code(secretBox({ configured: KEY_A, old: ['nothex'], dataDir: '/nonexistent' }).seal('x', 'y')), 'secret_key_invalid');
});

test('after a rotation the old key still opens, new values carry the new key id, and an unknown key id fails with its own code', async () => {
  const sealedByA = await secretBox({ configured: KEY_A, dataDir: '/nonexistent' }).seal('sk_test_1', 'connector stripe KEY');
  const rotated = secretBox({ configured: KEY_B, old: [KEY_A], dataDir: '/nonexistent' });
  assert.equal(await rotated.open(sealedByA, 'connector stripe KEY'), 'sk_test_1', 'the old key opens what it sealed');
  const sealedByB = await rotated.seal('sk_test_2', 'connector stripe KEY');
  assert.equal(sealedKeyId(sealedByB), ID_B);
  const withoutOld = secretBox({ configured: KEY_B, dataDir: '/nonexistent' });
  assert.equal(await withoutOld.open(sealedByB, 'connector stripe KEY'), 'sk_test_2');
  const error = await withoutOld.open(sealedByA, 'connector stripe KEY').then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof TollgateError);
  assert.equal(error.code, 'secret_key_unknown');
  assert.match(error.message, new RegExp(`sealed with key ${ID_A}.*current ${ID_B}.*TOLLGATE_SECRET_KEY_OLD`));
});

test('v1 values (sealed before key ids) are opened with whichever key sealed them', async () => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(KEY_A, 'hex'), iv);
  cipher.setAAD(Buffer.from('connector c NAME', 'utf8'));
  const ciphertext = Buffer.concat([cipher.update('old value', 'utf8'), cipher.final()]);
  const v1 = `v1:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  assert.equal(sealedKeyId(v1), null);
  assert.equal(await secretBox({ configured: KEY_B, old: [KEY_A], dataDir: '/nonexistent' }).open(v1, 'connector c NAME'), 'old value');
  assert.equal(await code(secretBox({ configured: KEY_B, dataDir: '/nonexistent' }).open(v1, 'connector c NAME')), 'secret_unreadable');
});

test('without TOLLGATE_SECRET_KEY the key is made once in <data dir>/secret.key (mode 0600), with a warning to back it up', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tollgate-secret-box-'));
  try {
    const warnings: { details: object; message: string | undefined }[] = [];
    const logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (details: object, message?: string) => warnings.push({ details, message }) };
    const sealed = await secretBox({ configured: undefined, dataDir, logger }).seal('value', 'binding');
    const file = join(dataDir, 'secret.key');
    assert.match(await readFile(file, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? '', new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: back it up.*losing it loses them`));
    assert.equal(await secretBox({ configured: undefined, dataDir, logger }).open(sealed, 'binding'), 'value', 'a new process reads the same key');
    assert.equal(warnings.length, 1, 'no warning when the key file exists');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('renewing the key file keeps the previous key as secret.key.<id>.old (mode 0600), which a new box still opens with', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tollgate-secret-box-'));
  try {
    const sealed = await secretBox({ configured: undefined, dataDir }).seal('value', 'binding');
    const renewed = await renewKeyFile({ dataDir });
    assert.equal(renewed.previous.id, sealedKeyId(sealed));
    assert.notEqual(renewed.current.id, renewed.previous.id);
    assert.deepEqual((await readdir(dataDir)).sort(), ['secret.key', `secret.key.${renewed.previous.id}.old`]);
    assert.equal((await stat(renewed.oldFile)).mode & 0o777, 0o600);
    const box = secretBox({ configured: undefined, dataDir });
    assert.equal((await box.keys()).current.id, renewed.current.id);
    assert.equal(await box.open(sealed, 'binding'), 'value');
    assert.equal(sealedKeyId(await box.seal('next', 'binding')), renewed.current.id);
    await rm(renewed.oldFile);
    assert.equal(await code(secretBox({ configured: undefined, dataDir }).open(sealed, 'binding')), 'secret_key_unknown');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
