import { CommanderError } from 'commander';
import { InvalidInputError, TollgateError } from '../core/errors.ts';
import { ApiError } from './api-client.ts';
import type { ApiIssue } from './api-types.ts';
import { ExitCode } from './exit-codes.ts';

/**
 * Prints an error the way people should see it and returns the exit code.
 * Expected errors (TollgateError) print their message, never a stack trace;
 * anything else is a bug and says so.
 */
export function reportError(error: unknown): ExitCode {
  // commander has printed its own message already (or the help, which exits 0).
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof ApiError) {
    // Without issues, the field the answer names (`body.id` of a 409 `team_exists`) is its one place; a 404's
    // path names the id in the URL, which the message says already.
    const place = error.issues.length === 0 && error.path !== undefined && error.status !== 404 ? [`  at ${error.path}`] : [];
    printError(`${headline(error.message, error.issues)} (${error.code})`, error.issues, place);
    return ExitCode.failed;
  }
  if (error instanceof InvalidInputError) {
    const first = headline(error.message, error.issues);
    // A message that is its one issue (a bad setting) is said once.
    printError(first, error.issues.filter((issue) => formatApiIssue(issue) !== first));
    return ExitCode.failed;
  }
  if (error instanceof TollgateError) {
    printError(error.message, []);
    return ExitCode.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  printError(`${message}\nthis is a bug in Tollgate, not something you did: please report it with the command you ran`, []);
  return ExitCode.failed;
}

/** One line per issue: `file:line:col Workflow x: steps[2].next: message` when the issue has a place. */
export function formatApiIssue(issue: ApiIssue): string {
  const location = issue.location === undefined ? '' : `${issue.location} `;
  if (issue.document !== undefined) return `${location}${issue.document}: ${issue.message}`;
  if (issue.path === '' || issue.message.startsWith(issue.path)) return `${location}${issue.message}`;
  return `${location}${issue.path}: ${issue.message}`;
}

/** The warnings a change answered with, one `warning: ...` line each. */
export function warningLines(warnings: readonly ApiIssue[] = []): string[] {
  return warnings.map((issue) => `warning: ${formatApiIssue(issue)}`);
}

/** Messages that list their issues repeat them; with the issues printed one per line, the first line is enough. */
function headline(message: string, issues: readonly ApiIssue[]): string {
  return issues.length > 0 ? (message.split('\n')[0] ?? message).replace(/:\s*$/, '') : message;
}

function printError(message: string, issues: readonly ApiIssue[], more: readonly string[] = []): void {
  process.stderr.write([`error: ${message}`, ...issues.map((issue) => `  ${formatApiIssue(issue)}`), ...more].map((line) => `${line}\n`).join(''));
}
