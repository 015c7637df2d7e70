import { readFileSync } from 'node:fs';

/** The version in package.json (found from this file, in src/ and in the built dist/ alike): `--version`, traces' service.version. */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}
