import { PermanentError } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * The scopes a step sits in, outermost first: `loop/3/inner/1/x` is in
 * `loop/3/` and `loop/3/inner/1/`; a top-level step is in none.
 */
export function enclosingScopes(path: string): string[] {
  const segments = path.split('/');
  const scopes: string[] = [];
  let prefix = '';
  for (let i = 0; i + 2 < segments.length; i += 2) {
    prefix += `${segments[i] ?? ''}/${segments[i + 1] ?? ''}/`;
    scopes.push(prefix);
  }
  return scopes;
}

/**
 * Variables a step sees because of where it sits: those of each foreach
 * iteration and parallel branch it is in (the item under the loop's `as`
 * name, its index as `<as>_index`, and what earlier steps of the same
 * iteration or branch output or set), inner scopes over outer ones. Reads
 * only the step's own scopes, by key.
 */
export async function scopeVariables(engine: EngineContext, input: { runId: string; path: string }): Promise<Variables> {
  const scopes = enclosingScopes(input.path);
  if (scopes.length === 0) return {};
  const byScope = await engine.store.readScopeVariables(input.runId, scopes);
  const variables: Variables = {};
  for (const scope of scopes) {
    const own = byScope.get(scope);
    if (own === undefined) {
      throw new PermanentError('scope_missing', `step "${input.path}": run ${input.runId} has no scope "${scope}" (a run whose loop began before migration 0007 cannot go on; start it again)`);
    }
    Object.assign(variables, own);
  }
  return variables;
}
