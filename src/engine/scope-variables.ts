import { PermanentError } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import type { Step } from '../definition/schema.ts';
import type { EngineContext } from './engine-context.ts';

/**
 * Variables a step sees because of where it sits: inside a foreach iteration,
 * the iteration's item under the loop's `as` name, and its index as `<as>_index`.
 * The items are read from the foreach step's journal row, where its first
 * visit recorded them.
 */
export async function scopeVariables(engine: EngineContext, input: { runId: string; steps: Step[]; path: string }): Promise<Variables> {
  const segments = input.path.split('/');
  if (segments.length === 1) return {};
  const variables: Variables = {};
  let steps = input.steps;
  let prefix = '';
  for (let i = 0; i + 2 < segments.length; i += 2) {
    const id = segments[i] ?? '';
    const index = Number(segments[i + 1]);
    const owner = steps.find((step) => step.id === id);
    const ownerPath = `${prefix}${id}`;
    prefix += `${id}/${index}/`;
    if (owner?.type === 'parallel') {
      steps = owner.branches[index]?.steps ?? [];
    } else if (owner?.type === 'foreach') {
      const items = await foreachItems(engine, input.runId, ownerPath);
      variables[owner.as] = items[index];
      variables[`${owner.as}_index`] = index;
      steps = owner.steps;
    } else {
      throw new PermanentError('step_not_found', `step path "${input.path}" goes through "${id}", which has no nested steps`);
    }
  }
  return variables;
}

async function foreachItems(engine: EngineContext, runId: string, ownerPath: string): Promise<unknown[]> {
  const attempts = await engine.store.listAttempts(runId, { under: ownerPath });
  const rows = attempts.filter((attempt) => attempt.stepPath === ownerPath && attempt.stepType === 'foreach');
  const latest = rows.at(-1)?.input as { items?: unknown[] } | undefined;
  return latest?.items ?? [];
}
