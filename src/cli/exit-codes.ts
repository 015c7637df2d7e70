/** The exit codes of `tollgate`, for scripts and CI. */
export const ExitCode = {
  /** Done; for `run --wait`, the run succeeded. */
  ok: 0,
  /** Something went wrong (an API error, invalid definitions), or the awaited run failed or was cancelled. */
  failed: 1,
  /** The command line was wrong: an unknown flag, a missing argument, a malformed value. */
  usage: 2,
  /** `run --wait` gave up before the run ended. */
  timeout: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
