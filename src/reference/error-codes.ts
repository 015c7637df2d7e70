import { API_ERROR_CODES } from './api-error-codes.ts';
import type { ErrorCodeEntry } from './error-code.ts';
import { STEP_ERROR_CODES } from './step-error-codes.ts';

/** One code, described; a code met both in steps and in the API is listed once per area. */
export interface DescribedCode extends ErrorCodeEntry {
  code: string;
}

/**
 * Every error code users can meet, described. A code built from a status
 * reads `http_<status>`. The test suite fails when src/ writes a code that is
 * not here.
 */
export function errorCodeCatalog(): DescribedCode[] {
  return [STEP_ERROR_CODES, API_ERROR_CODES]
    .flatMap((catalog) => Object.entries(catalog).map(([code, entry]) => ({ code, ...entry })))
    .sort((a, b) => a.code.localeCompare(b.code) || a.area.localeCompare(b.area));
}
