/**
 * First-run access for `tollgate start` and `tollgate serve`: the first admin
 * (once, in a new database), its password and CLI key shown once in the
 * banner, and the key saved for the CLI on this machine.
 */
import { resolve } from 'node:path';
import { bootstrapFirstAdmin, type FirstAdmin } from '../identity/first-admin.ts';
import type { Config } from '../system/config.ts';
import type { TollgateSystem } from '../system/tollgate-system.ts';
import { CLI_KEY_FILE, rememberLocalServer, saveCliApiKey } from './local-api-key.ts';

export interface LocalAccess {
  admin: FirstAdmin | undefined;
  config: Config;
}

/** Creates the first admin when there is none and saves its key as `<data>/cli-api-key`. */
export async function prepareLocalAccess(system: TollgateSystem, config: Config): Promise<LocalAccess> {
  const admin = await bootstrapFirstAdmin(system.app.identity, { email: config.adminEmail });
  if (admin !== undefined) saveCliApiKey(config.dataDir, admin.apiKey);
  return { admin, config };
}

/**
 * Notes the running server for the CLI on this machine (see local-api-key.ts)
 * and returns the banner lines about access; the password and key only the
 * one time they were made.
 */
export function localAccessLines(access: LocalAccess, url: string): string[] {
  const { admin, config } = access;
  const keyFile = resolve(config.dataDir, CLI_KEY_FILE);
  let remembered = true;
  try {
    rememberLocalServer({ url, dataDir: config.dataDir });
  } catch {
    remembered = false;
  }
  const cli = remembered ? `the CLI on this machine uses ${keyFile}` : `set TOLLGATE_API_KEY to the key in ${keyFile} for the CLI`;
  const auth = config.auth === 'off' ? ['  auth       OFF (TOLLGATE_AUTH=off): every request is allowed without credentials'] : [];
  if (admin === undefined) return auth;
  return [
    ...auth,
    `  admin      ${admin.email}  password ${admin.password}`,
    `  api key    ${admin.apiKey}`,
    `             shown this once: keep them. Log in to the web app with the password; ${cli}.`,
  ];
}
