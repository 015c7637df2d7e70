import type { AttemptRecord } from '../store/records.ts';
import type { EngineContext } from './engine-context.ts';

/** What the journal says about a step that owns nested step lists (parallel, foreach). */
export interface ScopeState {
  /** The owner's own journal row for this visit. */
  owner: AttemptRecord | undefined;
  /** Ended branches or iterations, by index, with the output of the step that ended each. */
  ended: Map<number, unknown>;
}

export async function scopeState(engine: EngineContext, input: { runId: string; ownerPath: string; visit: number }): Promise<ScopeState> {
  const attempts = await engine.store.listAttempts(input.runId, { under: input.ownerPath });
  const prefix = `${input.ownerPath}/`;
  const ended = new Map<number, unknown>();
  let owner: AttemptRecord | undefined;
  for (const attempt of attempts) {
    if (attempt.stepPath === input.ownerPath && attempt.visit === input.visit) owner = attempt;
    if (attempt.stepType !== 'scope_end' || attempt.visit !== input.visit || !attempt.stepPath.startsWith(prefix)) continue;
    const rest = attempt.stepPath.slice(prefix.length);
    if (/^\d+\/$/.test(rest)) ended.set(Number(rest.slice(0, -1)), attempt.output);
  }
  return { owner, ended };
}

/** The owner of a nested step list: `fanout/0/` belongs to `fanout`, `a/1/b/2/` to `a/1/b`. */
export function scopeOwner(scope: string): string {
  return scope.replace(/\/[^/]+\/$/, '');
}
