import { ERROR_CODES, ErrorArea, type ErrorCodeDescriptions } from '../core/error-codes.ts';

/** One code, described for one area; a code met both in steps and in the API is listed once per area. */
export interface DescribedCode {
  code: string;
  area: ErrorArea;
  description: string;
}

/**
 * Every error code users can meet, described, from the catalogue in
 * core/error-codes.ts. A code built from a status reads `http_<status>`.
 */
export function errorCodeCatalog(): DescribedCode[] {
  const catalogue: Readonly<Record<string, ErrorCodeDescriptions>> = ERROR_CODES;
  return Object.entries(catalogue)
    .flatMap(([code, descriptions]) =>
      Object.values(ErrorArea).flatMap((area) => {
        const description = descriptions[area];
        return description === undefined ? [] : [{ code, area, description }];
      }),
    )
    .sort((a, b) => a.code.localeCompare(b.code) || a.area.localeCompare(b.area));
}
