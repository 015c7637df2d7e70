// P6: the CPU time of a CLI invocation, whole process (user + system, start-up included), median of 5:
// `tollgate --version` and `tollgate runs list` against a stand-in server answering 20 runs, each run on
// the compiled dist/ and on the sources through tsx (TOLLGATE_TS=1), beside a bare `node -e 0`. Run from this
// git checkout, the dist/ figures include bin/tollgate.js's walk over src/ (an installed copy skips it).
// Call: `printTable('CLI: CPU per invocation', await cliRows())`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunListView, RunView } from '../src/cli/api-types.ts';
import { compiledBuildIsFresh } from '../scripts/compiled-build.js';
import type { Row } from './bench-support.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(REPO_ROOT, 'bin', 'tollgate.js');
const SAMPLES = 5;
const RUNS_LISTED = 20;

/** Writes the child's own CPU time (µs, every thread, from its start) to the file in TOLLGATE_BENCH_CPU_FILE as it exits. */
const CPU_REPORTER = `import { writeFileSync } from 'node:fs';
process.on('exit', () => { const { user, system } = process.cpuUsage(); writeFileSync(process.env.TOLLGATE_BENCH_CPU_FILE, String(user + system)); });`;

/** The CPU milliseconds one run of `args` (a node command line) costs, measured inside the child. */
async function cpuMs(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-cli-bench-'));
  try {
    const file = join(dir, 'cpu');
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(CPU_REPORTER)}`, ...args], {
      cwd: REPO_ROOT,
      env: { ...env, TOLLGATE_BENCH_CPU_FILE: file },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve, reject) => child.on('close', resolve).on('error', reject));
    if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}`);
    return Number(readFileSync(file, 'utf8')) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function medianCpuMs(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await cpuMs(args, env));
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.floor(SAMPLES / 2)] ?? Number.NaN);
}

/** A stand-in for the server's GET /api/v1/runs: the CLI's whole path (settings, HTTP, table) without a database behind it. */
async function runListServer(): Promise<{ url: string; server: Server }> {
  const runs: RunView[] = Array.from({ length: RUNS_LISTED }, (_, index) => ({
    id: `run_${index}`,
    workflow: 'personalize-orders',
    version: 1,
    status: 'succeeded',
    outcome: 'Notified',
    variables: {},
    trigger: { type: 'manual' },
    error: null,
    failed_step: null,
    created_at: new Date(0).toISOString(),
    finished_at: new Date(1000).toISOString(),
  }));
  const page: RunListView = { runs, next_cursor: null };
  const server = createServer((request, response) => {
    const found = request.url?.startsWith('/api/v1/runs') === true;
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(found ? page : { error: { code: 'not_found', message: request.url } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** P6 rows: CPU ms per invocation (targets: --version ≤ 150, runs list ≤ 300), dist/ and tsx. */
export async function cliRows(): Promise<Row[]> {
  const { url, server } = await runListServer();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TOLLGATE_')));
  try {
    const rows: Row[] = [{ command: 'node -e 0 (the floor)', runtime: '-', 'cpu ms (median of 5)': await medianCpuMs(['-e', '0'], env), target: '-' }];
    const commands = [
      { command: 'tollgate --version', args: ['--version'], target: '≤ 150' },
      { command: 'tollgate runs list', args: ['runs', 'list', '--server', url, '--api-key', 'bench'], target: '≤ 300' },
    ];
    const fresh = compiledBuildIsFresh();
    for (const { command, args, target } of commands) {
      const dist = fresh ? await medianCpuMs([BIN, ...args], env) : 'dist/ missing or stale: npm run build:server';
      rows.push({ command, runtime: 'dist/', 'cpu ms (median of 5)': dist, target });
      rows.push({ command, runtime: 'tsx (TOLLGATE_TS=1)', 'cpu ms (median of 5)': await medianCpuMs([BIN, ...args], { ...env, TOLLGATE_TS: '1' }), target: '-' });
    }
    return rows;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
