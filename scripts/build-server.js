#!/usr/bin/env node
// `npm run build:server` (part of `npm install`'s prepare): bundles src/ into dist/cli/ with esbuild, from the
// CLI's entry (src/cli/main.ts): ESM split at every dynamic import, so a command still loads only what it needs,
// but as a few dozen files instead of hundreds, which is most of what a CLI command's start-up costs. Packages
// under node_modules stay outside. No type check here (`npm run typecheck` is the one). Then copies what the
// code reads at run time (the SQL migrations) and writes the stamp bin/tollgate.js checks before it runs dist/.
//
// Every chunk sits in dist/cli/, two folders below the package as each module was under src/, so the paths a
// module finds relative to its own URL (../../web/dist, ../../examples/, ./migrations/) still hold.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildPaths } from './compiled-build.js';

/** Folders under src/ that hold files the code reads at run time, found next to the module that reads them. */
const RUNTIME_ASSETS = [{ from: 'store/migrations', to: 'migrations' }];

const { dist, src, stamp } = buildPaths();
const out = join(dist, 'cli');
// Taken before bundling: a source saved during the build counts as newer than the build.
const startedAt = Date.now();
rmSync(dist, { recursive: true, force: true });
try {
  await build({
    entryPoints: [join(src, 'cli', 'main.ts')],
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // No keepNames: it wraps every function made at run time in a call that names it, a cost on the hot path.
    // Errors name themselves after their class (core/errors.ts), so no class may be renamed: checked below.
    logLevel: 'warning',
  });
} catch {
  console.error('build:server: esbuild failed; bin/tollgate.js runs the sources through tsx until a build succeeds');
  process.exit(1);
}
const renamed = renamedClasses(out);
if (renamed.length > 0) {
  console.error(`build:server: esbuild renamed ${renamed.join(', ')} (two modules declare the same name at top level); rename one in src/`);
  process.exit(1);
}
for (const { from, to } of RUNTIME_ASSETS) cpSync(join(src, from), join(out, to), { recursive: true });
writeFileSync(stamp, `${JSON.stringify({ startedAt })}\n`);
console.log(`build:server: bundled src/ into ${out}`);

/** Classes the bundle declares under a name with a number added (esbuild's way out of a clash) that src/ does not declare. */
function renamedClasses(folder) {
  const declared = (text) => [...text.matchAll(/\bclass ([A-Za-z_$][\w$]*)/g)].map((match) => match[1]);
  const source = new Set(readdirSync(src, { recursive: true }).filter((file) => String(file).endsWith('.ts')).flatMap((file) => declared(readFileSync(join(src, String(file)), 'utf8'))));
  const bundled = readdirSync(folder).filter((file) => file.endsWith('.js')).flatMap((file) => declared(readFileSync(join(folder, file), 'utf8')));
  return [...new Set(bundled.filter((name) => /\d$/.test(name) && !source.has(name)))];
}
