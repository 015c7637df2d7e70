import type { AttemptRecord } from '../store/records.ts';
import type { EngineContext } from './engine-context.ts';

/** What a step that owns nested step lists (parallel, foreach) needs to know when it wakes. */
export interface ScopeState {
  /** The owner's own latest journal row for this visit. */
  owner: Pick<AttemptRecord, 'status' | 'output'> | undefined;
  /** How many of its branches or iterations have ended in this visit. */
  ended: number;
}

/** Two reads by key, whatever the number of iterations: the owner's journal row and its count of ended scopes. */
export async function scopeState(engine: EngineContext, input: { runId: string; ownerPath: string; visit: number }): Promise<ScopeState> {
  const [owner, container] = await Promise.all([
    engine.store.getAttemptState({ runId: input.runId, stepPath: input.ownerPath, visit: input.visit }),
    engine.store.getContainer(input.runId, input.ownerPath),
  ]);
  return { owner, ended: container?.visit === input.visit ? container.ended : 0 };
}

/** The result of each branch or iteration, by index (null for one that did not end); read once, when the owner goes on. */
export async function scopeResults(engine: EngineContext, input: { runId: string; ownerPath: string; count: number }): Promise<unknown[]> {
  const ends = await engine.store.listScopeEnds(input.runId, input.ownerPath);
  const results: unknown[] = Array.from({ length: input.count }, () => null);
  for (const end of ends) if (end.endOrder !== null && end.index < input.count) results[end.index] = end.output;
  return results;
}

/** The branch that ended first, with its result. */
export async function firstEndedScope(engine: EngineContext, input: { runId: string; ownerPath: string }): Promise<{ index: number; output: unknown } | undefined> {
  const ends = await engine.store.listScopeEnds(input.runId, input.ownerPath);
  const first = ends.filter((end) => end.endOrder !== null).sort((a, b) => (a.endOrder ?? 0) - (b.endOrder ?? 0))[0];
  return first && { index: first.index, output: first.output };
}

/** The owner of a nested step list: `fanout/0/` belongs to `fanout`, `a/1/b/2/` to `a/1/b`. */
export function scopeOwner(scope: string): string {
  return scope.replace(/\/[^/]+\/$/, '');
}
