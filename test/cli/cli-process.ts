/**
 * Runs the real `tollgate` CLI (`node bin/tollgate.js`) as a child process,
 * the way people run it. Each spawn costs ~0.5 s (tsx), so tests batch work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO_ROOT, 'bin', 'tollgate.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A home folder of this test file's own: `tollgate start` notes its URL and key under ~/.config, and the CLI reads
 * those notes to find a server. Test files run side by side; with one shared home, one file's CLI could find
 * another's server, and the developer's own notes would fill with test servers.
 */
const TEST_HOME = mkdtempSync(join(tmpdir(), 'tollgate-home-'));
process.once('exit', () => rmSync(TEST_HOME, { recursive: true, force: true }));

/** An environment without the developer's Tollgate settings (or home folder) leaking in. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TOLLGATE_') && !key.startsWith('STRIPE_') && key !== 'DATABASE_URL'));
  // A free port for the Stripe sandbox, so test servers never collide on the default one.
  return { ...env, HOME: TEST_HOME, TOLLGATE_LOG_LEVEL: 'warn', TOLLGATE_SANDBOX_PORT: '0', ...extra };
}

export function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'tollgate-cli-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A local URL where nothing listens: a port taken from the OS, then released. */
export async function deadServerUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

export interface RunningTollgate {
  /** The URL the banner names; empty for `worker`, which serves no HTTP. */
  url: string;
  /** What the command printed up to and including its banner. */
  banner: string;
  child: ChildProcess;
  /** Sends a signal and resolves with how the process ended and everything it printed. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Runs a long-running command (`start`, `serve`, `worker`) and resolves once
 * its banner is printed. Give `--port 0` to `start` and `serve`.
 */
export function launchTollgate(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunningTollgate> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tollgate ${args[0]} printed no banner in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    // A deadline for a start that hangs, not a bound on how fast a busy machine starts.
    }, options.timeoutMs ?? 120_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Stop with Ctrl+C.')) return;
      clearTimeout(timer);
      const url = /running at (http:\/\/[^\s]+)/.exec(stdout)?.[1] ?? '';
      resolve({
        url,
        banner: stdout,
        child,
        async stop(signal = 'SIGTERM') {
          child.kill(signal);
          const ended = await exited;
          return { ...ended, stdout, stderr };
        },
      });
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`tollgate ${args[0]} exited with ${code} before its banner\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}
