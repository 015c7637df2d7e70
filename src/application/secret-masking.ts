import { MASKED_SECRET } from '../core/stored-secrets.ts';

export { MASKED_SECRET };

/** Config keys whose values are secrets: `api_key`, `password`, `bearer_token`, `webhook_secret`, ... */
const SECRET_KEY = /secret|passw|key|token|authorization|credential|signature/i;

/**
 * A value that only names where the secret is, e.g. `{{ env.STRIPE_KEY }}` or
 * `{{ secret.api_key }}` (a literal sealed on apply): safe to show, and applied
 * again as it is shown.
 */
const REFERENCES_ONLY = /^(\s*\{\{\s*(env\.[A-Za-z_][A-Za-z0-9_]*|secret\.[A-Za-z0-9_\-.]+)\s*\}\}\s*)+$/;

/** A config key whose value is a secret (`api_key`, `password`, `webhook_secrets`, ...). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A value that holds no secret itself: only `{{ env.X }}` and `{{ secret.X }}` references. */
export function isSecretReference(value: string): boolean {
  return REFERENCES_ONLY.test(value);
}

/**
 * A connector config safe to return: values under secret-looking keys are
 * replaced by MASKED_SECRET, unless they are `{{ env.X }}` or `{{ secret.X }}`
 * references (which hold no secret themselves). Nested objects and lists are masked throughout.
 */
export function maskConnectorSecrets(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, maskValue(value, SECRET_KEY.test(key))]));
}

function maskValue(value: unknown, secret: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secret));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskValue(item, secret || SECRET_KEY.test(key))]));
  }
  if (!secret || value === null || value === undefined) return value;
  return typeof value === 'string' && isSecretReference(value) ? value : MASKED_SECRET;
}

/**
 * A workflow definition safe to return: a webhook trigger's HMAC `secret` is
 * masked unless it is an `{{ env.X }}` or `{{ secret.X }}` reference. Anything else is returned
 * as it is (the definition is what its authors wrote).
 */
export function maskDefinitionSecrets(definition: unknown): unknown {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) return definition;
  const trigger: unknown = (definition as Record<string, unknown>).trigger;
  if (trigger === null || typeof trigger !== 'object' || Array.isArray(trigger) || !('secret' in trigger)) return definition;
  return { ...definition, trigger: { ...trigger, secret: maskValue(trigger.secret, true) } };
}
