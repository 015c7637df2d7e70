import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { localApiKey, loopbackPort, rememberLocalServer, saveCliApiKey } from '../../../src/cli/local-api-key.ts';

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'tollgate-key-'));
}

test('the CLI key file is readable by its owner only', { skip: process.platform === 'win32' }, () => {
  const data = temp();
  try {
    const path = saveCliApiKey(join(data, 'nested'), 'tg_key');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test("the CLI finds a local server's key through the note its server left, for loopback URLs only", () => {
  const [data, index, other] = [temp(), temp(), temp()];
  try {
    saveCliApiKey(data, 'tg_from_server_data');
    rememberLocalServer({ url: 'http://127.0.0.1:45678', dataDir: data, indexDir: index });
    assert.equal(localApiKey({ serverUrl: 'http://127.0.0.1:45678', dataDir: other, indexDir: index }), 'tg_from_server_data');
    assert.equal(localApiKey({ serverUrl: 'http://localhost:45678/', dataDir: other, indexDir: index }), 'tg_from_server_data');
    assert.equal(localApiKey({ serverUrl: 'http://127.0.0.1:45679', dataDir: other, indexDir: index }), undefined, 'another port, and no key in the own data dir');
    assert.equal(localApiKey({ serverUrl: 'https://tollgate.example.com:45678', dataDir: data, indexDir: index }), undefined, 'never for a remote server');
    saveCliApiKey(other, 'tg_from_own_data');
    assert.equal(localApiKey({ serverUrl: 'http://127.0.0.1:45679', dataDir: other, indexDir: index }), 'tg_from_own_data');
  } finally {
    for (const dir of [data, index, other]) rmSync(dir, { recursive: true, force: true });
  }
});

test('notes of servers that are gone are ignored and removed', () => {
  const [data, index] = [temp(), temp()];
  try {
    saveCliApiKey(data, 'tg_old');
    writeFileSync(join(index, 'loopback-40000.json'), JSON.stringify({ url: 'http://127.0.0.1:40000', data_dir: data, pid: 2 ** 22 + 12345 }));
    assert.equal(localApiKey({ serverUrl: 'http://127.0.0.1:40000', dataDir: join(data, 'none'), indexDir: index }), undefined);
    rememberLocalServer({ url: 'http://127.0.0.1:40001', dataDir: data, indexDir: index });
    assert.deepEqual(readdirSync(index), ['loopback-40001.json']);
  } finally {
    for (const dir of [data, index]) rmSync(dir, { recursive: true, force: true });
  }
});

test('loopbackPort knows loopback hosts and default ports', () => {
  assert.equal(loopbackPort('http://127.0.0.1:8080'), '8080');
  assert.equal(loopbackPort('http://[::1]:9000'), '9000');
  assert.equal(loopbackPort('http://localhost'), '80');
  assert.equal(loopbackPort('http://10.0.0.1:8080'), undefined);
  assert.equal(loopbackPort('not a url'), undefined);
});
