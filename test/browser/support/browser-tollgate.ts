/** A real `tollgate start` on SQLite in a temp folder, with its sandbox, for the browser suites. */
import { cleanEnv, launchTollgate, tempDir, type RunningTollgate } from '../../cli/cli-process.ts';

export interface BrowserTollgate {
  url: string;
  /** The built-in Stripe sandbox (`POST /_sandbox/trigger`, Stripe's API with any `sk_test_` key). */
  sandboxUrl: string;
  admin: { email: string; password: string };
  stop(): Promise<void>;
}

export async function startTollgate(options: { examples?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<BrowserTollgate> {
  const data = tempDir();
  let tollgate: RunningTollgate;
  try {
    tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, ...(options.examples === false ? ['--no-examples'] : [])], { env: cleanEnv(options.env) });
  } catch (error) {
    data.remove();
    throw error;
  }
  const admin = /admin\s+(\S+)\s+password\s+(\S+)/.exec(tollgate.banner);
  if (admin === null) throw new Error(`the banner names no admin password:\n${tollgate.banner}`);
  const sandbox = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner);
  if (sandbox === null) throw new Error(`the banner names no Stripe sandbox:\n${tollgate.banner}`);
  return {
    url: tollgate.url,
    sandboxUrl: sandbox[1]!,
    admin: { email: admin[1]!, password: admin[2]! },
    async stop() {
      const ended = await tollgate.stop();
      if (ended.code !== 0 && ended.signal === null) console.log(ended.stderr);
      data.remove();
    },
  };
}
