/** One problem in a request, as the API reports it: where (`path`) and what. */
export interface ApiIssue {
  path: string;
  message: string;
}

/**
 * An error answer of the API (`{error: {code, message, path?, issues?}}`), or a network failure
 * (status 0, code `network_error`). Pages show `message` next to what caused it, never a stack.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;
  readonly issues: readonly ApiIssue[];

  constructor(status: number, code: string, message: string, options: { path?: string; issues?: readonly ApiIssue[] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.path = options.path;
    this.issues = options.issues ?? [];
  }

  /** The message for one field, by its path (e.g. `values.amount`), if the API named it. */
  issueAt(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path || issue.path.endsWith(`.${path}`))?.message ?? (this.path === path ? this.message : undefined);
  }
}

/** Any thrown value as an ApiError, so error states have one shape to show. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client_error', error instanceof Error ? error.message : String(error));
}
