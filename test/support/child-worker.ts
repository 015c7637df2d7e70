import { fork, type ChildProcess } from 'node:child_process';

/** Starts test/support/worker-process.ts as a child process; resolves once its worker runs. */
export function startChildWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = fork('test/support/worker-process.ts', [], { execArgv: ['--import', 'tsx'], env, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

export async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
