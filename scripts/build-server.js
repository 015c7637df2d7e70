#!/usr/bin/env node
// `npm run build:server` (part of `npm install`'s prepare): compiles src/ to dist/ as plain per-file ESM
// (tsc, tsconfig.build.json: no type check, `.ts` imports rewritten to `.js`), copies what src/ reads at
// run time (the SQL migrations), then writes the stamp bin/tollgate.js checks before it runs dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildPaths, PACKAGE_ROOT } from './compiled-build.js';

/** Folders under src/ that hold files the code reads at run time, found next to the compiled module. */
const RUNTIME_ASSETS = ['store/migrations'];

const { dist, src, stamp } = buildPaths();
// Taken before compiling: a source saved during the build counts as newer than the build.
const startedAt = Date.now();
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(PACKAGE_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error(`build:server: tsc failed (exit ${compiled.status ?? compiled.signal}); bin/tollgate.js runs the sources through tsx until a build succeeds`);
  process.exit(1);
}
for (const folder of RUNTIME_ASSETS) cpSync(join(src, folder), join(dist, folder), { recursive: true });
writeFileSync(stamp, `${JSON.stringify({ startedAt })}\n`);
console.log(`build:server: compiled src/ to ${dist}`);
