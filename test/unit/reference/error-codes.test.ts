import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { errorCodeCatalog } from '../../../src/reference/error-codes.ts';
import { scanErrorCodes } from './error-code-scan.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Codes the catalog describes that src/ builds from values, so the scan cannot see them. */
const BUILT_FROM_VALUES = ['stripe_<type>', 'sandbox_error'];

void describe('the error code catalog', () => {
  const found = scanErrorCodes(ROOT);
  const described = new Set(errorCodeCatalog().map((entry) => entry.code));

  void it('finds the codes written in src/, literal and built from a status', () => {
    const codes = found.map((entry) => entry.code);
    for (const code of ['stripe_param_missing', 'definition_invalid', 'http_<status>', 'offering_unavailable']) assert.ok(codes.includes(code), code);
    assert.ok(found.length > 100);
  });

  void it('describes every code src/ writes (add new ones to src/reference/*-error-codes.ts)', () => {
    assert.deepEqual(found.filter((entry) => !described.has(entry.code)).map((entry) => `${entry.code} (${entry.where})`), []);
  });

  void it('describes no code that src/ no longer writes', () => {
    const written = new Set([...found.map((entry) => entry.code), ...BUILT_FROM_VALUES]);
    assert.deepEqual([...described].filter((code) => !written.has(code)), []);
  });

  void it('gives each code a sentence', () => {
    for (const entry of errorCodeCatalog()) assert.match(entry.description, /^\S.{15,}[.)?]$/, entry.code);
  });
});
