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
    printError(`${headline(error.message, error.issues)} (${error.code})`, error.issues);
    return ExitCode.failed;
  }
  if (error instanceof InvalidInputError) {
    printError(headline(error.message, error.issues), error.issues);
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
  if (issue.document !== undefined) return `${issue.location === undefined ? '' : `${issue.location} `}${issue.document}: ${issue.message}`;
  if (issue.path === '' || issue.message.startsWith(issue.path)) return issue.message;
  return `${issue.path}: ${issue.message}`;
}

/** Messages that list their issues repeat them; with the issues printed one per line, the first line is enough. */
function headline(message: string, issues: readonly ApiIssue[]): string {
  return issues.length > 0 ? (message.split('\n')[0] ?? message).replace(/:\s*$/, '') : message;
}

function printError(message: string, issues: readonly ApiIssue[]): void {
  process.stderr.write([`error: ${message}`, ...issues.map((issue) => `  ${formatApiIssue(issue)}`)].map((line) => `${line}\n`).join(''));
}
