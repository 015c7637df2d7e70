import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../cli/cli-process.ts';

const DIST = join(REPO_ROOT, 'web', 'dist');
const BUDGET = 300 * 1024;

/** The JavaScript a first visit loads: index.html's module script and the chunks it preloads. */
function firstLoadScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const sources = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((match) => match[1]!);
  return [...new Set(sources)];
}

void test('the first load of the web app is under 300 KB of JavaScript gzipped', () => {
  const scripts = firstLoadScripts();
  assert.ok(scripts.length > 0, 'index.html loads no script: is web/dist built?');
  const sizes = scripts.map((src) => ({ src, gzipped: gzipSync(readFileSync(join(DIST, src.replace(/^\//, '')))).length }));
  const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
  console.log(`first load: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} file(s)`);
  assert.ok(total < BUDGET, `first load is ${(total / 1024).toFixed(1)} KB gzipped: ${sizes.map((size) => `${size.src} ${(size.gzipped / 1024).toFixed(1)} KB`).join(', ')}`);
});
