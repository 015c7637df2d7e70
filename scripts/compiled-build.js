// The compiled build in dist/ (`npm run build:server`, run by `npm install`): where it is, and whether it
// still matches the sources. bin/tollgate.js runs it only then; otherwise the sources run through tsx.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** dist/, src/ and the stamp the build writes last (so a build that stopped half-way has none), under `root`. */
export function buildPaths(root = PACKAGE_ROOT) {
  const dist = join(root, 'dist');
  return { dist, src: join(root, 'src'), stamp: join(dist, 'build-stamp.json') };
}

/**
 * True when dist/ was built completely and, in a git checkout (a `.git` next to package.json, where sources
 * are edited), after the last change of any file under src/. An installed copy has sources that change only
 * with a new install, which builds again: its stamp is enough, and every command saves the walk over src/.
 */
export function compiledBuildIsFresh(root = PACKAGE_ROOT) {
  const { src, stamp } = buildPaths(root);
  let startedAt;
  try {
    startedAt = JSON.parse(readFileSync(stamp, 'utf8')).startedAt;
  } catch {
    return false;
  }
  if (typeof startedAt !== 'number') return false;
  return !existsSync(join(root, '.git')) || newestChange(src) <= startedAt;
}

/** The latest modification time (ms) of a file or folder under `dir`: an edit, an added, removed or renamed file. */
function newestChange(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}
