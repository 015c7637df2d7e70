/** A real `tollgate start` on SQLite in a temp folder, with its sandbox, for the browser suites. */
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { cleanEnv, launchTollgate, tempDir, type RunningTollgate } from '../../cli/cli-process.ts';
import { launchBrowser } from './browser.ts';

export interface BrowserTollgate {
  url: string;
  /** The built-in Stripe sandbox (`POST /_sandbox/trigger`, Stripe's API with any `sk_test_` key). */
  sandboxUrl: string;
  admin: { email: string; password: string };
  /** Its SQLite file, for a test that plants rows no API writes (a run started days ago) through the store. */
  sqliteFile: string;
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
    sqliteFile: join(data.path, 'tollgate.db'),
    async stop() {
      const ended = await tollgate.stop();
      if (ended.code !== 0 && ended.signal === null) console.log(ended.stderr);
      data.remove();
    },
  };
}

/**
 * For a test file: one `tollgate start` and one chromium, started before its tests and stopped
 * after them. Read `suite.tollgate` and `suite.browser` inside the tests.
 */
export function tollgateInBrowser(options: Parameters<typeof startTollgate>[0] = {}): { readonly tollgate: BrowserTollgate; readonly browser: Browser } {
  let tollgate: BrowserTollgate | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [tollgate, browser] = await Promise.all([startTollgate(options), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await tollgate?.stop();
  });
  return {
    get tollgate() {
      if (tollgate === undefined) throw new Error('tollgate has not started: use it inside a test');
      return tollgate;
    },
    get browser() {
      if (browser === undefined) throw new Error('chromium has not started: use it inside a test');
      return browser;
    },
  };
}
