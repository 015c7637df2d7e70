import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's folder of seed examples, found from this file rather than the working directory. */
export function examplesFolder(): string | undefined {
  const folder = fileURLToPath(new URL('../../examples/', import.meta.url));
  return existsSync(folder) ? folder : undefined;
}

export { packageVersion } from '../system/package-version.ts';

/** The flags that ask for the version (bin/tollgate.js answers either alone before the CLI loads; commander for `--help`). */
export const VERSION_FLAGS = '-V, --version';
