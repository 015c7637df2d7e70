import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.ts';

/** A hash of a definition that ignores key order, so re-applying the same file is a no-op. */
export function definitionHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
