// Runs bench/load-generator.ts in its own process and returns its report.
import { fork } from 'node:child_process';
import type { LoadReport } from './load-generator.ts';

export const WEBHOOK_SECRET = 'whsec_bench_secret';

export interface LoadOptions {
  url: string;
  seconds: number;
  concurrency: number;
  /** Prefix of the event ids: unique per load, so no event repeats an earlier one. */
  prefix: string;
  /** Return every run id with when its event was posted. */
  keepSent: boolean;
}

export function runLoad(options: LoadOptions): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-generator.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        URL: options.url,
        SECRET: WEBHOOK_SECRET,
        SECONDS: String(options.seconds),
        CONCURRENCY: String(options.concurrency),
        PREFIX: options.prefix,
        KEEP_SENT: options.keepSent ? '1' : '0',
      },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited ${code}`));
      else resolve(JSON.parse(output) as LoadReport);
    });
  });
}
