/**
 * `tollgate`: the command line. Local commands (start, serve, worker, migrate,
 * validate) open the database or files themselves; the others talk to a
 * running server over the HTTP API. `tollgate --version` alone never gets here:
 * bin/tollgate.js answers it before anything loads.
 */
import { buildProgram } from './program.ts';
import { reportError } from './report-error.ts';

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
