import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, ErrorArea, foreignErrorCode } from '../../../src/core/error-codes.ts';
import { PermanentError, TollgateError } from '../../../src/core/errors.ts';
import { errorCodeCatalog } from '../../../src/reference/error-codes.ts';
import { errorsPage } from '../../../src/reference/errors-page.ts';
import { scanErrorCodes } from './error-code-scan.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Codes the catalog describes that the scan cannot see: built from values, or written in src/sandbox (which it skips for Stripe's codes). */
const NOT_SCANNED = ['stripe_<type>', 'sandbox_error', 'sandbox_state_unreadable'];

void describe('the error code catalog', () => {
  const found = scanErrorCodes(ROOT);
  const described = new Set(errorCodeCatalog().map((entry) => entry.code));

  void it('finds the codes written in src/, literal and built from a status', () => {
    const codes = found.map((entry) => entry.code);
    for (const code of ['stripe_param_missing', 'definition_invalid', 'http_<status>', 'offering_unavailable']) assert.ok(codes.includes(code), code);
    assert.ok(found.length > 100);
  });

  void it('describes every code src/ writes (add new ones to src/core/error-codes.ts)', () => {
    assert.deepEqual(found.filter((entry) => !described.has(entry.code)).map((entry) => `${entry.code} (${entry.where})`), []);
  });

  void it('describes no code that src/ no longer writes', () => {
    const written = new Set([...found.map((entry) => entry.code), ...NOT_SCANNED]);
    assert.deepEqual([...described].filter((code) => !written.has(code)), []);
  });

  void it('documents every code of the catalogue, in each area it shows in, in docs/errors.md as generated now', () => {
    const onDisk = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    assert.equal(onDisk, errorsPage(), 'docs/errors.md is out of date: run `npm run docs` and commit the result');
    const areas: Record<ErrorArea, string> = { definition: '## Definitions', step: '## Steps', api: '## API and CLI', startup: '## Starting Tollgate' };
    const sections = onDisk.split(/^(?=## )/m);
    for (const [code, descriptions] of Object.entries(ERROR_CODES)) {
      for (const area of Object.values(ErrorArea)) {
        const section = sections.find((text) => text.startsWith(areas[area])) ?? '';
        const row = `| \`${code}\` |`;
        assert.equal(section.includes(row), area in descriptions, `${code} in ${areas[area]}`);
      }
    }
  });

  void it('types codes by the catalogue: a code not in it does not compile (checked by tsc), a family member and a foreign code do', () => {
    // @ts-expect-error `refund_refusd` is not in core/error-codes.ts
    const unlisted = new TollgateError('refund_refusd', 'x');
    const codes = [unlisted, new PermanentError(`http_${404}`, 'x'), new PermanentError(foreignErrorCode('card_declined'), 'x')].map((error) => error.code);
    assert.deepEqual(codes, ['refund_refusd', 'http_404', 'card_declined']);
  });

  void it('gives each code a sentence', () => {
    for (const entry of errorCodeCatalog()) assert.match(entry.description, /^\S.{15,}[.)?]$/, entry.code);
  });
});
