#!/usr/bin/env node
// `tollgate --version` (or -V) alone is answered here, from package.json, before anything else loads. Otherwise
// the compiled CLI from dist/ when it matches the sources (`npm install` builds it; in a git checkout, only when
// built after the last edit under src/); otherwise, or with TOLLGATE_TS=1, the TypeScript sources through tsx:
// no build step between an edit and a run.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const [{ compiledBuildIsFresh }, { applyMemoryMode }] = await Promise.all([import('../scripts/compiled-build.js'), import('../scripts/memory-mode.js')]);
  applyMemoryMode();
  if (process.env.TOLLGATE_TS !== '1' && compiledBuildIsFresh()) {
    await import('../dist/cli/main.js');
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../src/cli/main.ts');
  }
}
