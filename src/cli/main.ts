/**
 * `tollgate`: the command line. Local commands (start, serve, worker, migrate,
 * validate) open the database or files themselves; the others talk to a
 * running server over the HTTP API. `tollgate --version` alone is answered
 * before the command definitions (and commander) load.
 */
import { isVersionRequest, packageVersion } from './package-paths.ts';

if (isVersionRequest(process.argv.slice(2))) {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  const [{ buildProgram }, { reportError }] = await Promise.all([import('./program.ts'), import('./report-error.ts')]);
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
