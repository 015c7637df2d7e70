import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { localApiKey, localServer, loopbackPort, rememberLocalServer, saveCliApiKey } from '../../../src/cli/local-api-key.ts';

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

test('without a server named, the CLI takes the default when a server noted it, else the one for its data directory, else the only one', () => {
  const [index, one, two] = [temp(), temp(), temp()];
  const note = (port: number, dataDir: string, pid = process.pid) => writeFileSync(join(index, `loopback-${port}.json`), JSON.stringify({ url: `http://0.0.0.0:${port}`, data_dir: dataDir, pid }));
  const local = (dataDir: string) => localServer({ defaultUrl: 'http://127.0.0.1:8080', dataDir, indexDir: index });
  try {
    assert.deepEqual(local(one), { url: 'http://127.0.0.1:8080', source: 'the default' }, 'nothing noted');
    note(41000, one, 2 ** 22 + 12345);
    assert.equal(local(one).url, 'http://127.0.0.1:8080', 'the note of a server that is gone');
    note(41001, one);
    assert.equal(local(two).url, 'http://127.0.0.1:41001', 'the only server running, its wildcard address as loopback');
    note(41002, two);
    assert.equal(local(two).url, 'http://127.0.0.1:41002', 'the one for the own data directory');
    const neither = local(index);
    assert.equal(neither.url, 'http://127.0.0.1:8080');
    assert.match(neither.source, /servers running on this machine: http:\/\/127\.0\.0\.1:41001 .*, http:\/\/127\.0\.0\.1:41002 /);
    note(8080, two);
    assert.equal(local(one).url, 'http://127.0.0.1:8080', 'a server on the default port');
  } finally {
    for (const dir of [index, one, two]) rmSync(dir, { recursive: true, force: true });
  }
});
