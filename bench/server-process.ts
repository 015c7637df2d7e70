// A process under test, started the way an operator starts it (`node
// bin/tollgate.js start|serve|worker`, or the floor server), in its own
// process so its memory and CPU time can be read from /proc.
import { execFile, execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { WEBHOOK_SECRET } from './run-load.ts';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const STATEMENT_COUNTER = fileURLToPath(new URL('../scripts/count-statements.js', import.meta.url));
export const TOLLGATE_BIN = fileURLToPath(new URL('../bin/tollgate.js', import.meta.url));

export interface BenchProcess {
  readonly pid: number;
  /** The banner's lines (stdout), as printed so far. */
  readonly banner: string[];
  /** Statements the process's database driver executed so far; undefined when not counted. */
  statements(): Promise<number | undefined>;
  /** User + system CPU time so far, in ms. */
  cpuMs(): number;
  /** Peak resident set (VmHWM) so far, in MB. */
  peakRssMb(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The module to run (bin/tollgate.js or a bench server) and its arguments. */
  module: string;
  args: string[];
  env: Record<string, string>;
  /** Node options, e.g. ['--import', 'tsx'] for a TypeScript module. */
  execArgv?: string[];
  /** Count the statements of this dialect's driver (scripts/count-statements.js preloaded). */
  countStatements?: 'sqlite' | 'postgres';
  /** A banner line that says the process is ready. */
  ready: RegExp;
}

/** Starts the process and waits for its ready line (60 s at most). */
export async function startProcess(options: StartOptions): Promise<BenchProcess> {
  const counting = options.countStatements === undefined ? [] : ['--import', STATEMENT_COUNTER];
  const child = fork(options.module, options.args, {
    execArgv: [...counting, ...(options.execArgv ?? [])],
    env: { PATH: process.env.PATH ?? '', ...options.env, ...(options.countStatements === undefined ? {} : { BENCH_COUNT_STATEMENTS: options.countStatements }) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const banner: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('not ready after 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${options.module} ${options.args.join(' ')}: ${error.message}\n${stderr}`));
    };
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      banner.push(...lines);
      if (lines.some((line) => options.ready.test(line))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => fail(new Error(`exited ${code} before it was ready`)));
  });
  child.removeAllListeners('exit');
  const pid = child.pid ?? 0;
  return {
    pid,
    banner,
    statements: () => (options.countStatements === undefined ? Promise.resolve(undefined) : askStatements(child)),
    cpuMs: () => cpuMs(pid),
    peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
    rssMb: () => statusKb(pid, 'VmRSS') / 1024,
    stop: () => stop(child),
  };
}

function askStatements(child: ChildProcess): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 5000);
    child.once('message', (message: { statements?: number }) => {
      clearTimeout(timer);
      resolve(message.statements);
    });
    child.send('statements');
  });
}

function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces): state is [0], utime [11], stime [12].
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function statusKb(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN);
}

/** SIGTERM, then SIGKILL after 30 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * What `npm start` (package.json's start script) gives the server besides the command: the environment
 * it sets before `node` (`NAME=value` words) and node's flags. The bench starts it as the README does.
 */
function npmStart(): { env: Record<string, string>; nodeFlags: string[] } {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const words = manifest.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]));
  return { env, nodeFlags: words.slice(node + 1, words.indexOf('bin/tollgate.js')).filter((word) => word.startsWith('--')) };
}

/** A `tollgate` command (start, serve, worker) on its own data directory, with `npm start`'s environment and node flags. */
export function startTollgate(options: { command: 'start' | 'serve' | 'worker'; args?: string[]; dataDir: string; databaseUrl?: string | undefined; env?: Record<string, string>; countStatements?: 'sqlite' | 'postgres' }): Promise<BenchProcess> {
  const npm = npmStart();
  return startProcess({
    module: TOLLGATE_BIN,
    args: [options.command, ...(options.args ?? [])],
    env: {
      ...npm.env,
      // HOME: `start` notes its key for the CLI under ~/.config; keep that in the throwaway directory.
      HOME: options.dataDir,
      TOLLGATE_DATA: options.dataDir,
      TOLLGATE_PORT: '0',
      TOLLGATE_LOG_LEVEL: 'warn',
      TOLLGATE_RATE_LIMIT_WEBHOOK: 'off',
      TOLLGATE_RATE_LIMIT_API: 'off',
      // A test key and no network: no Stripe sandbox (and its fixed port) in the process under test.
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
      // `TOLLGATE_MEMORY=fast npm run bench` measures the server as an operator who chose fast would run it.
      ...(process.env.TOLLGATE_MEMORY === undefined ? {} : { TOLLGATE_MEMORY: process.env.TOLLGATE_MEMORY }),
      ...options.env,
    },
    // The banner's last line: by then it has printed the URL and, in a new database, the first admin's key.
    ready: /Stop with Ctrl\+C/,
    execArgv: npm.nodeFlags,
    ...(options.countStatements === undefined ? {} : { countStatements: options.countStatements }),
  });
}

/** The server's URL from its banner. */
export function bannerUrl(process: BenchProcess): string {
  const match = process.banner.map((line) => /running at (http\S+)/.exec(line)).find((found) => found !== null);
  if (match?.[1] === undefined) throw new Error(`no URL in the banner:\n${process.banner.join('\n')}`);
  return match[1];
}

/** The first admin's API key from the banner (a new database prints it once). */
export function bannerApiKey(process: BenchProcess): string {
  const match = process.banner.map((line) => /api key\s+(\S+)/.exec(line)).find((found) => found !== null);
  if (match?.[1] === undefined) throw new Error(`no API key in the banner:\n${process.banner.join('\n')}`);
  return match[1];
}

/** `tollgate apply -f file` against the server, as its first admin. */
export async function applyFile(server: BenchProcess, file: string, home: string): Promise<void> {
  await promisify(execFile)(process.execPath, [TOLLGATE_BIN, 'apply', '-f', file], {
    env: { PATH: process.env.PATH ?? '', HOME: home, TOLLGATE_SERVER: bannerUrl(server), TOLLGATE_API_KEY: bannerApiKey(server) },
  });
}
