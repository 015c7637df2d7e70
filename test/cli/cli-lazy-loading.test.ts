/**
 * The CLI loads only what the command it runs needs: `--version` nothing but bin/tollgate.js and package.json, a client
 * command no database driver, Fastify, Stripe SDK or mailer, nor zod (the server's configuration) or undici
 * (`fetch`). Checked by the modules a child process resolves (a loader hook records every URL) and the Node
 * internals it loaded (`process.moduleLoadList` as it exits), not by timing; on the sources (tsx) and on the
 * bundled dist/.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildPaths, compiledBuildIsFresh } from '../../scripts/compiled-build.js';
import { cleanEnv, deadServerUrl, REPO_ROOT, tempDir } from './cli-process.ts';

const BIN = join(REPO_ROOT, 'bin', 'tollgate.js');

/** Registered before bin/tollgate.js's own loader, so it sees every module resolved through tsx too. */
const RECORDER_HOOKS = `
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, resolved.url + '\\n');
  return resolved;
}`;

/** Node's internal modules the process loaded, each line prefixed `node-internal:`, written as it exits. */
const INTERNALS_RECORDER = (file: string) => `
import { appendFileSync } from 'node:fs';
process.on('exit', () => appendFileSync(${JSON.stringify(file)}, process.moduleLoadList.map((name) => 'node-internal:' + name + '\\n').join('')));`;

const SERVER_SIDE = ['better-sqlite3', 'pg', 'kysely', 'fastify', '@fastify', 'stripe', 'nodemailer', 'pino'];
/** What parsing every command's options costs: nothing else from node_modules. */
const REGISTRATION = ['commander'];
/** tsx itself, when the sources run. */
const LOADER = ['tsx', 'esbuild', 'get-tsconfig', 'resolve-pkg-maps'];

/** The node_modules packages, the repository files and the Node internals a `tollgate` invocation loaded, and what it printed on stderr. */
async function loadedBy(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ packages: Set<string>; files: string[]; internals: string[]; stderr: string }> {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'modules.txt');
    writeFileSync(file, '');
    const hooks = `data:text/javascript,${encodeURIComponent(RECORDER_HOOKS)}`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}, { data: { file: ${JSON.stringify(file)} } });`;
    const imports = [register, INTERNALS_RECORDER(file)].flatMap((code) => ['--import', `data:text/javascript,${encodeURIComponent(code)}`]);
    const child = spawn(process.execPath, [...imports, BIN, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await new Promise((resolve, reject) => child.on('close', resolve).on('error', reject));
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
    const internals = lines.filter((line) => line.startsWith('node-internal:')).map((line) => line.slice('node-internal:'.length));
    const urls = lines.filter((line) => !line.startsWith('node-internal:'));
    const packages = new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
    const files = urls.filter((url) => url.startsWith('file:') && !url.includes('/node_modules/')).map((url) => url.slice(`file://${REPO_ROOT}`.length));
    return { packages, files, internals, stderr };
  } finally {
    dir.remove();
  }
}

function assertOnly(packages: Set<string>, allowed: readonly string[], what: string): void {
  const extra = [...packages].filter((name) => !allowed.includes(name));
  assert.deepEqual(extra, [], `${what} loaded ${extra.join(', ')}`);
}

/** Client commands checked: one registered eagerly, one whose action is loaded lazily (lazy-action.ts). */
const CLIENT_COMMANDS = [
  ['runs', 'list'],
  ['teams', 'list'],
];

const RUNTIMES = [
  { name: 'the sources through tsx', env: { TOLLGATE_TS: '1' }, main: 'src/cli/main.ts', skip: false as const },
  {
    name: 'the bundled dist/',
    env: {},
    main: 'dist/cli/main.js',
    skip: compiledBuildIsFresh() ? (false as const) : 'dist/ is missing or older than src/: `npm run build:server`',
  },
];

for (const env of [{}, { TOLLGATE_TS: '1' }]) {
  void test(`--version${env.TOLLGATE_TS === undefined ? '' : ' with TOLLGATE_TS=1'} is answered by bin/tollgate.js alone: no CLI module, no package, no look at the build`, async () => {
    const { packages, files } = await loadedBy(['--version'], cleanEnv(env));
    assert.deepEqual(files, ['bin/tollgate.js']);
    assertOnly(packages, [], '--version');
    const answer = spawnSync(process.execPath, [BIN, '--version'], { cwd: REPO_ROOT, env: cleanEnv(env), encoding: 'utf8' });
    assert.equal(answer.stdout, `${(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });
}

for (const runtime of RUNTIMES) {
  void test(`${runtime.name}: --version with another argument still goes through commander`, { skip: runtime.skip }, async () => {
    const { packages } = await loadedBy(['--version', 'runs'], cleanEnv(runtime.env));
    assert.ok(packages.has('commander'), 'the recorder saw commander');
  });

  for (const command of CLIENT_COMMANDS) {
    const label = command.join(' ');
    void test(`${runtime.name}: ${label} (a client command) loads no database driver, Fastify, Stripe SDK or mailer`, { skip: runtime.skip }, async () => {
      const server = await deadServerUrl();
      const { packages, stderr } = await loadedBy([...command, '--server', server], cleanEnv(runtime.env));
      assert.match(stderr, new RegExp(`cannot reach the Tollgate server at ${server}`), 'the action ran: it called the server');
      const serverSide = SERVER_SIDE.filter((name) => packages.has(name) || [...packages].some((found) => found.startsWith(`${name}/`)));
      assert.deepEqual(serverSide, [], `${label} loaded ${serverSide.join(', ')}`);
    });

    void test(`${runtime.name}: ${label} reads its settings without zod and calls the server without fetch (undici)`, { skip: runtime.skip }, async () => {
      const server = await deadServerUrl();
      const { packages, internals, stderr } = await loadedBy([...command, '--server', server], cleanEnv(runtime.env));
      assert.match(stderr, new RegExp(`cannot reach the Tollgate server at ${server}`), 'the action ran: it sent its request');
      assert.ok(internals.some((name) => name.includes('internal/http')), 'the recorder saw Node internals');
      // The server's configuration (system/config) is read with zod: no zod, no configuration.
      assertOnly(packages, [...REGISTRATION, ...LOADER], label);
      const undici = internals.filter((name) => name.includes('undici'));
      assert.deepEqual(undici, [], `${label} loaded ${undici.join(', ')}`);
    });
  }
}

void test('the bundled dist/: a client command runs from dist/cli/ alone, not from src/', { skip: RUNTIMES[1]?.skip ?? false }, async () => {
  const { files } = await loadedBy(['runs', 'list', '--server', await deadServerUrl()], cleanEnv({}));
  const fromSources = files.filter((file) => file.startsWith('src/'));
  assert.deepEqual(fromSources, [], 'bin/tollgate.js ran the sources although dist/ is fresh');
  assert.ok(files.includes('dist/cli/main.js'), `dist/cli/main.js was not loaded: ${files.join(', ')}`);
});

void test('in a git checkout, dist/ counts as fresh only when built completely after the last change under src/', () => {
  const root = tempDir();
  try {
    const { dist, src, stamp } = buildPaths(root.path);
    writeFileSync(join(root.path, '.git'), 'gitdir: elsewhere\n');
    mkdirSync(join(src, 'cli'), { recursive: true });
    mkdirSync(dist, { recursive: true });
    const source = join(src, 'cli', 'main.ts');
    writeFileSync(source, '');
    const built = Date.now() + 60_000;
    utimesSync(source, new Date(built - 10_000), new Date(built - 10_000));
    utimesSync(join(src, 'cli'), new Date(built - 10_000), new Date(built - 10_000));
    utimesSync(src, new Date(built - 10_000), new Date(built - 10_000));
    assert.equal(compiledBuildIsFresh(root.path), false, 'no stamp: a build that did not finish');
    writeFileSync(stamp, JSON.stringify({ startedAt: built }));
    assert.equal(compiledBuildIsFresh(root.path), true, 'built after every source');
    utimesSync(source, new Date(built + 1_000), new Date(built + 1_000));
    assert.equal(compiledBuildIsFresh(root.path), false, 'a source edited after the build');
    rmSync(join(root.path, '.git'));
    assert.equal(compiledBuildIsFresh(root.path), true, 'an installed copy (no .git): the stamp alone decides');
    rmSync(stamp);
    assert.equal(compiledBuildIsFresh(root.path), false, 'an installed copy without a stamp: a build that did not finish');
  } finally {
    root.remove();
  }
});
