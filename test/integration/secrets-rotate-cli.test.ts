import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { systemClock } from '../../src/core/clock.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { ConnectorSecretVault } from '../../src/system/connector-secret-vault.ts';
import { sealedKeyId, secretBox } from '../../src/system/secret-box.ts';
import { keyIdOf, type KeyRingOptions } from '../../src/system/secret-key-ring.ts';
import { cleanEnv, runCli } from '../cli/cli-process.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

let database: TestDatabase;
let store: SqlStore;

before(async () => {
  database = await createTestDatabase();
  store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
});
after(async () => {
  await store.close();
  await database.drop();
});

function vault(keys: Omit<KeyRingOptions, 'dataDir'>): ConnectorSecretVault {
  return new ConnectorSecretVault({ store: store.connectorSecrets, box: secretBox({ ...keys, dataDir: database.dataDir }), env: {}, clock: systemClock });
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli([...args, '--data', database.dataDir, '--json'], { env: cleanEnv({ ...(database.databaseUrl === undefined ? {} : { DATABASE_URL: database.databaseUrl }), ...env }) });
}

async function keyIds(): Promise<(string | null)[]> {
  return (await store.connectorSecrets.sealedRows()).map((row) => sealedKeyId(row.sealed));
}

test('with the key file: rotate makes a new key, re-seals every row under it, and the old key file can then be deleted', async () => {
  const before = vault({ configured: undefined });
  await before.set({ connectorId: 'billing', name: 'API_TOKEN', value: 'tok_billing', by: 'ops@example.com' });
  await before.set({ connectorId: 'notify', name: 'SECRET', value: 'whsec_notify', by: null });
  const oldKey = (await readFile(join(database.dataDir, 'secret.key'), 'utf8')).trim();
  const oldId = keyIdOf(Buffer.from(oldKey, 'hex'));

  const listed = await cli(['secrets', 'list']);
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(
    JSON.parse(listed.stdout).secrets.map((secret: Record<string, unknown>) => [secret.connector, secret.name, secret.updated_by, secret.key_id]),
    [
      ['billing', 'API_TOKEN', 'ops@example.com', oldId],
      ['notify', 'SECRET', null, oldId],
    ],
  );
  assert.ok(!listed.stdout.includes('tok_billing'), 'never a value');

  const rotated = await cli(['secrets', 'rotate']);
  assert.equal(rotated.code, 0, rotated.stderr);
  const report = JSON.parse(rotated.stdout);
  const oldFile = join(database.dataDir, `secret.key.${oldId}.old`);
  assert.deepEqual(report.renewed, { previous_key_id: oldId, kept_as: oldFile });
  assert.notEqual(report.current_key_id, oldId);
  assert.equal(report.resealed, 2);
  assert.deepEqual(report.droppable, [{ id: oldId, source: oldFile }]);
  assert.equal((await readFile(oldFile, 'utf8')).trim(), oldKey);
  assert.deepEqual(await keyIds(), [report.current_key_id, report.current_key_id]);
  const entries = (await store.audit.entriesAfter(0, 100)).filter((entry) => entry.action === 'secrets.rotated');
  assert.deepEqual(
    entries.map((entry) => [entry.target.id, entry.detail]),
    [[report.current_key_id, { resealed: 2, total: 2, previous_key: oldId }]],
    'the rotation is in the audit trail, in its own transaction, naming keys by id only',
  );

  await rm(oldFile);
  assert.deepEqual(Object.fromEntries(await vault({ configured: undefined }).valuesOf('billing')), { API_TOKEN: 'tok_billing' }, 'readable with the new key alone');
  assert.deepEqual(Object.fromEntries(await vault({ configured: undefined }).valuesOf('notify')), { SECRET: 'whsec_notify' });
  assert.ok((await readdir(database.dataDir)).includes('secret.key'));
});

test('with TOLLGATE_SECRET_KEY: rotate refuses without an old key, then moves every row from TOLLGATE_SECRET_KEY_OLD to the new key', async () => {
  const before = vault({ configured: KEY_A });
  await before.set({ connectorId: 'billing', name: 'API_TOKEN', value: 'tok_env', by: null });
  await before.set({ connectorId: 'notify', name: 'SECRET', value: 'whsec_env', by: null });
  // Both rows of the first test are replaced: every value is sealed with KEY_A now.

  const refused = await cli(['secrets', 'rotate'], { TOLLGATE_SECRET_KEY: KEY_A });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^error: TOLLGATE_SECRET_KEY \(key [0-9a-f]{8}\) seals every stored secret already: to rotate, put a new key in TOLLGATE_SECRET_KEY/);
  assert.deepEqual(await keyIds(), [keyIdOf(Buffer.from(KEY_A, 'hex')), keyIdOf(Buffer.from(KEY_A, 'hex'))], 'nothing changed');

  const missingOld = await cli(['secrets', 'rotate'], { TOLLGATE_SECRET_KEY: KEY_B });
  assert.equal(missingOld.code, 1);
  assert.match(missingOld.stderr, /sealed with key [0-9a-f]{8}, which is not among the keys loaded/);
  assert.deepEqual(await keyIds(), [keyIdOf(Buffer.from(KEY_A, 'hex')), keyIdOf(Buffer.from(KEY_A, 'hex'))], 'nothing changed');

  const rotated = await cli(['secrets', 'rotate'], { TOLLGATE_SECRET_KEY: KEY_B, TOLLGATE_SECRET_KEY_OLD: KEY_A });
  assert.equal(rotated.code, 0, rotated.stderr);
  const report = JSON.parse(rotated.stdout);
  const idB = keyIdOf(Buffer.from(KEY_B, 'hex'));
  assert.equal(report.renewed, null);
  assert.equal(report.current_key_id, idB);
  assert.equal(report.resealed, 2);
  assert.deepEqual(report.droppable, [{ id: keyIdOf(Buffer.from(KEY_A, 'hex')), source: 'TOLLGATE_SECRET_KEY_OLD (key 1)' }]);
  assert.deepEqual(await keyIds(), [idB, idB]);
  assert.deepEqual(Object.fromEntries(await vault({ configured: KEY_B }).valuesOf('billing')), { API_TOKEN: 'tok_env' }, 'readable with the new key alone');

  const again = await cli(['secrets', 'rotate'], { TOLLGATE_SECRET_KEY: KEY_B, TOLLGATE_SECRET_KEY_OLD: KEY_A });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).resealed, 0, 'a second run has nothing left to do');
});
