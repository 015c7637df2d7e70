/** Where people meet an error code. */
export const ErrorArea = {
  /** A definition refused by `validate`, `apply` or the API. */
  definition: 'definition',
  /** A step of a run failed with it; an `on_error` path reads it as `error.code`. */
  step: 'step',
  /** An API answer (`{error: {code, message}}`) and the CLI that shows it. */
  api: 'api',
  /** Starting Tollgate, or a CLI command that runs without a server. */
  startup: 'startup',
} as const;
export type ErrorArea = (typeof ErrorArea)[keyof typeof ErrorArea];

/** One code of the catalog: where it shows and what it means, with what to do. */
export interface ErrorCodeEntry {
  area: ErrorArea;
  description: string;
}

export type ErrorCodeCatalog = Readonly<Record<string, ErrorCodeEntry>>;
