import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../../src/core/logger.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('the web app as the server serves it', () => {
  let root: string;
  let t: TestSystem;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'tollgate-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tollgate</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
    t = await createTestSystem({ auth: 'required' });
    built = await buildServer({ app: t.system.app, logger: silentLogger, webRoot: root });
    unbuilt = await buildServer({ app: t.system.app, logger: silentLogger, webRoot: join(root, 'missing') });
  });

  after(async () => {
    await built.close();
    await unbuilt.close();
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves built assets without a session, cached for good', async () => {
    const response = await built.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, 'console.log("app")');
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('answers index.html, never cached, for any page a browser opens', async () => {
    for (const url of ['/', '/runs/run_123', '/approvals?tab=decided']) {
      const response = await built.inject({ method: 'GET', url, headers: HTML });
      assert.equal(response.statusCode, 200, url);
      assert.match(response.body, /<div id="root">/, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
    }
  });

  it('keeps JSON answers for API paths and for callers that do not ask for a page', async () => {
    const api = await built.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: HTML });
    assert.equal(api.statusCode, 404);
    assert.match(String(api.headers['content-type']), /application\/json/);
    const missingAsset = await built.inject({ method: 'GET', url: '/assets/gone.js', headers: HTML });
    assert.equal(missingAsset.statusCode, 404);
    const script = await built.inject({ method: 'GET', url: '/runs/run_123', headers: { accept: 'application/json' } });
    assert.equal(script.statusCode, 404);
    assert.match(String(script.headers['content-type']), /application\/json/);
  });

  it('tells a browser how to build the app when it is not built, and the API still answers', async () => {
    const page = await unbuilt.inject({ method: 'GET', url: '/', headers: HTML });
    assert.equal(page.statusCode, 503);
    assert.match(page.body, /The web app is not built/);
    assert.match(page.body, /npm run build:web/);
    const health = await unbuilt.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
  });
});
