import { ErrorArea } from '../core/error-codes.ts';
import { errorCodeCatalog } from './error-codes.ts';
import { blocks, code, GENERATED_NOTICE, table } from './markdown.ts';

const SECTIONS: readonly { area: ErrorArea; title: string; intro: string }[] = [
  { area: ErrorArea.definition, title: 'Definitions', intro: 'A definition with problems is refused as a whole with `definition_invalid`; each issue names the document, the path and the fix, e.g. `Workflow refund: steps[2].next: no step "procss_refund" (did you mean "process_refund"?)`.' },
  { area: ErrorArea.step, title: 'Steps', intro: 'A failed step records `{type, code, message, retryable, …}`; an `on_error` path reads it as `error`. Transient failures are retried per the step\'s `retry` first.' },
  { area: ErrorArea.api, title: 'API and CLI', intro: 'The API answers `{error: {code, message, issues?}}` with the HTTP status of its kind (400, 401, 403, 404, 409, 422); the CLI prints the message.' },
  { area: ErrorArea.startup, title: 'Starting Tollgate', intro: 'Start-up and local commands stop with one of these and the setting to change.' },
];

/** The error codes, as `tollgate docs errors` prints it and docs/errors.md holds it. */
export function errorsPage(): string {
  const codes = errorCodeCatalog();
  return blocks(
    GENERATED_NOTICE,
    '# Error codes',
    'Every error carries a stable code: decide by the code, never by the message. A code with `<status>` stands for a family (`http_404`).',
    ...SECTIONS.flatMap((section) => [
      `## ${section.title}`,
      section.intro,
      table(['code', 'meaning'], codes.filter((entry) => entry.area === section.area).map((entry) => [code(entry.code), entry.description])),
    ]),
  );
}
