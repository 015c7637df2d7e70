/**
 * Literal secrets in applied documents are sealed before anything is stored:
 * a value under a secret-looking key of a Connector's config (secret-masking.ts)
 * that is no `{{ env.X }}` / `{{ secret.X }}` reference moves into the sealed
 * store (connector_secrets, row `config.<key path>`), and the config keeps
 * `{{ secret.<key path> }}` in its place, which the connector resolver fills at
 * call time. Applying the same document again seals nothing and leaves the
 * config unchanged, so the apply stays a no-op.
 */
import type { AuditActor } from '../core/audit-entry.ts';
import { ENV_REFERENCE } from '../core/env-references.ts';
import { SEALED_TRIGGER_SECRET, sealedNameOf, sealedSecretOwner, secretName, secretReference, TRIGGER_SECRET_REFERENCE } from '../core/secret-references.ts';
import type { ConnectorDocument, WorkflowDocument } from '../definition/schema.ts';
import type { AppContext } from './app-context.ts';
import { isSecretKey, isSecretReference } from './secret-masking.ts';

type Path = (string | number)[];

/**
 * Applies a Connector document with its literal secrets sealed first and
 * replaced by references. A changed secret alone changes no config, so an
 * `unchanged` answer becomes `updated` when a value was sealed anew; each value
 * sealed anew is in the audit trail (`connector.secret_set`, naming it, never
 * its value), since a rotated secret alone changes no config. Without a
 * sealed store (a throwaway simulation context) the document is applied as it is.
 * With `sealAfterApply` (a create) the values are sealed once the connector is
 * stored, so a create refused because another made the id meanwhile seals
 * nothing over that connector's secrets.
 */
export async function applyWithSealedLiterals<R extends { action: string }>(
  app: AppContext,
  input: { document: ConnectorDocument; by: string | null; actor: AuditActor; sealAfterApply?: boolean },
  apply: (document: ConnectorDocument) => Promise<R>,
): Promise<R> {
  const vault = app.connectorVariables;
  const literals: { path: Path; value: string }[] = [];
  const config = replaceLiterals(input.document.config, [], false, literals) as Record<string, unknown>;
  if (vault === undefined || literals.length === 0) return apply(input.document);
  const seal = async () => {
    const stored = await vault.valuesOf(input.document.id);
    let sealed = 0;
    for (const { path, value } of literals) {
      const name = sealedNameOf(secretName(path));
      if (stored.get(name) === value) continue;
      const id = input.document.id;
      const audit = { actor: input.actor, action: 'connector.secret_set', target: { type: 'connector', id }, detail: { connector: id, name }, at: app.engine.clock.now() } as const;
      await vault.set({ connectorId: id, name, value, by: input.by, audit });
      sealed += 1;
    }
    return sealed;
  };
  if (input.sealAfterApply === true) {
    const result = await apply({ ...input.document, config });
    await seal();
    return result;
  }
  const sealed = await seal();
  const result = await apply({ ...input.document, config });
  return sealed > 0 && result.action === 'unchanged' ? { ...result, action: 'updated' } : result;
}

/**
 * Applies a Workflow document with a webhook trigger's literal `secret` sealed
 * first (owner `workflow:<id>`) and `{{ secret.trigger.secret }}` in its place,
 * which the webhook trigger opens when a delivery comes. Same rules as above.
 */
export async function applyWithSealedTriggerSecret<R extends { action: string }>(
  app: AppContext,
  input: { document: WorkflowDocument; by: string | null },
  apply: (document: WorkflowDocument) => Promise<R>,
): Promise<R> {
  const { trigger } = input.document;
  const vault = app.connectorVariables;
  if (vault === undefined || trigger.type !== 'webhook' || !isLiteral(trigger.secret)) return apply(input.document);
  const owner = sealedSecretOwner(input.document.id);
  const value = String(trigger.secret);
  const changed = (await vault.valuesOf(owner)).get(SEALED_TRIGGER_SECRET) !== value;
  if (changed) await vault.set({ connectorId: owner, name: SEALED_TRIGGER_SECRET, value, by: input.by });
  const result = await apply({ ...input.document, trigger: { ...trigger, secret: TRIGGER_SECRET_REFERENCE } });
  return changed && result.action === 'unchanged' ? { ...result, action: 'updated' } : result;
}

function replaceLiterals(value: unknown, path: Path, secret: boolean, found: { path: Path; value: string }[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => replaceLiterals(item, [...path, index], secret, found));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceLiterals(item, [...path, key], secret || isSecretKey(key), found)]));
  }
  if (!secret || !isLiteral(value)) return value;
  found.push({ path, value: String(value) });
  return secretReference(path);
}

/** A value that is a secret itself: a non-empty string or number naming no variable or sealed value. */
function isLiteral(value: unknown): value is string | number {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string' || value.trim() === '') return false;
  // `Bearer {{ env.TOKEN }}` holds no secret itself: the variable does.
  return !isSecretReference(value) && !new RegExp(ENV_REFERENCE.source).test(value);
}
