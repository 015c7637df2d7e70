/**
 * `{{ secret.NAME }}` references: where a literal secret of an applied
 * document was, once it has been sealed into the store (application/seal-literal-secrets.ts).
 * NAME is the config key path (`api_key`, `headers.Authorization`, `webhook_secrets.0`);
 * the sealed row is named `config.<NAME>`, apart from `{{ env.NAME }}` variables, whose names have no dot.
 */
import { referenceNames } from './template-references.ts';

/** One `{{ secret.NAME }}`; the name is group 1. Global: use with matchAll or replace. */
export const SECRET_REFERENCE = /\{\{\s*secret\.([A-Za-z0-9_\-.]+)\s*\}\}/g;

/** Characters a key path may hold to be named in a reference; others become `_`. */
const UNSAFE = /[^A-Za-z0-9_\-.]/g;

/** The reference written in place of the literal at `path`. */
export function secretReference(path: readonly (string | number)[]): string {
  return `{{ secret.${secretName(path)} }}`;
}

/** The reference name of the literal at `path`: its keys joined by dots. */
export function secretName(path: readonly (string | number)[]): string {
  return path.map((key) => String(key).replace(UNSAFE, '_')).join('.');
}

/** The name of the sealed row that holds the value of `{{ secret.NAME }}`. */
export function sealedNameOf(referenceName: string): string {
  return `config.${referenceName}`;
}

/** The distinct reference names `value` (a string, or lists and objects of them) holds, in order. */
export function secretReferences(value: unknown): string[] {
  return referenceNames(value, SECRET_REFERENCE);
}

/** The owner id a workflow's sealed values are kept under (connector ids have no colon, so the two never meet). */
export function sealedSecretOwner(workflowId: string): string {
  return `workflow:${workflowId}`;
}

/** Where a webhook trigger's literal `secret` was, once sealed, and the row that holds it. */
export const TRIGGER_SECRET_REFERENCE = secretReference(['trigger', 'secret']);
export const SEALED_TRIGGER_SECRET = sealedNameOf(secretName(['trigger', 'secret']));

/** True when a webhook trigger's `secret` is the reference to its sealed value. */
export function isSealedTriggerSecret(secret: string): boolean {
  return /^\s*\{\{\s*secret\.trigger\.secret\s*\}\}\s*$/.test(secret);
}
