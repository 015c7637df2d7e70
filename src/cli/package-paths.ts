import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's folder of seed examples, found from this file rather than the working directory. */
export function examplesFolder(): string | undefined {
  const folder = fileURLToPath(new URL('../../examples/', import.meta.url));
  return existsSync(folder) ? folder : undefined;
}

/** The version in package.json, for `--version`. */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

/** The flags that ask for the version (bin/tollgate.js answers either alone before the CLI loads; commander for `--help`). */
export const VERSION_FLAGS = '-V, --version';
