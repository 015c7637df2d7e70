#!/usr/bin/env node
// The compiled CLI from dist/ when it matches the sources (`npm install` builds it; in a git checkout, only when
// built after the last edit under src/); otherwise, or with TOLLGATE_TS=1, the TypeScript sources through tsx:
// no build step between an edit and a run.
import { compiledBuildIsFresh } from '../scripts/compiled-build.js';
import { applyMemoryMode } from '../scripts/memory-mode.js';

applyMemoryMode();

if (process.env.TOLLGATE_TS !== '1' && compiledBuildIsFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
