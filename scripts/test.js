#!/usr/bin/env node
// `npm test`: typecheck, lint, the unit suites, every database suite on SQLite,
// the browser suites (the web app in Debian's chromium against `tollgate start`
// on SQLite), then every database suite on PostgreSQL. With no TOLLGATE_TEST_POSTGRES_URL it starts a
// throwaway PostgreSQL server (initdb + pg_ctl in a temp dir, on 127.0.0.1)
// and removes it afterwards. In CI (CI=true) a missing PostgreSQL fails the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './throwaway-postgres.js';

const UNIT_SUITES = ['test/unit', 'test/cli'];
const DATABASE_SUITES = ['test/engine', 'test/server', 'test/integration', 'test/e2e', 'test/security'];
const BROWSER_SUITES = ['test/browser'];
const only = process.argv.slice(2);

function testFiles(folders) {
  const files = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts')) files.push(path);
    }
  };
  folders.forEach(walk);
  return files.filter((file) => only.length === 0 || only.some((part) => file.includes(part)));
}

const failedSteps = [];
const failuresDir = mkdtempSync(join(tmpdir(), 'tollgate-test-failures-'));

function step(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal})`);
    failedSteps.push(title);
    return false;
  }
  return true;
}

function runTests(title, files, env) {
  if (files.length === 0) return true;
  const failures = join(failuresDir, `${failedSteps.length}-${title.replace(/\W+/g, '-')}.txt`);
  const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./scripts/failures-reporter.js', `--test-reporter-destination=${failures}`];
  const passed = step(title, process.execPath, ['--import', 'tsx', '--test', ...reporters, '--test-timeout=300000', ...files], env);
  if (!passed) failedSteps[failedSteps.length - 1] += `\n${readText(failures).replace(/^(?=.)/gm, '    ')}`;
  return passed;
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

let ok = true;
if (only.length === 0) {
  ok = step('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']) && ok;
  ok = step('typecheck the web app', 'npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']) && ok;
  ok = step('lint', 'npx', ['eslint', '.']) && ok;
  ok = step('migrations', process.execPath, ['--import', 'tsx', 'scripts/check-migrations.ts']) && ok;
}
ok = runTests('unit tests', testFiles(UNIT_SUITES), {}) && ok;
ok = runTests('database suites on SQLite', testFiles(DATABASE_SUITES), { TOLLGATE_TEST_DIALECT: 'sqlite' }) && ok;
const browserFiles = testFiles(BROWSER_SUITES);
if (browserFiles.length > 0) {
  // The browser tests run the web app as built from the current source.
  ok = step('build the web app', 'npm', ['run', 'build:web']) && runTests('browser suites', browserFiles, {}) && ok;
}

let postgres;
try {
  let url = process.env.TOLLGATE_TEST_POSTGRES_URL;
  if (!url) {
    postgres = await startPostgres();
    url = postgres.url;
  }
  ok = runTests('database suites on PostgreSQL', testFiles(DATABASE_SUITES), { TOLLGATE_TEST_DIALECT: 'postgres', TOLLGATE_TEST_POSTGRES_URL: url }) && ok;
} catch (error) {
  console.error(`\nPostgreSQL suites could not run: ${error.message}`);
  if (process.env.CI) {
    ok = false;
    failedSteps.push(`database suites on PostgreSQL could not run: ${error.message}`);
  }
  else console.error('(not in CI: skipping them here; CI fails instead)');
} finally {
  await postgres?.stop();
}

rmSync(failuresDir, { recursive: true, force: true });
if (!ok) console.log(`\nfailed:\n${failedSteps.map((title) => `  ${title}`).join('\n')}`);
console.log(ok ? '\nall suites passed' : '\nsome suites failed');
process.exit(ok ? 0 : 1);
