/**
 * The draft Workflow document as the builder holds it: a plain object that may be incomplete or
 * invalid while someone edits it. These helpers read its step lists without trusting their shape,
 * and name each step by its graph node id, as the server's graph does (`refund`,
 * `fanout/1/notify` in a parallel's branch 1, `each/` + `*` + `/charge` in a foreach's body).
 */
import type { StepType } from '../../../../../src/definition/steps/index.ts';

export type Draft = Record<string, unknown>;
export type DraftStep = Record<string, unknown>;
export type Keys = (string | number)[];

/** The trigger's node id: `$` is not allowed in a step id, so no step can take it. */
export const TRIGGER_NODE = '$trigger';

export type { StepType };

/** The step types in the palette's order: every type of the definition registry, each once. */
export const STEP_TYPES = ['action', 'decision', 'approval', 'wait', 'set', 'end', 'parallel', 'foreach', 'workflow'] as const satisfies readonly StepType[];
/** A step type the palette leaves out fails here. */
const _paletteHasEveryType: Exclude<StepType, (typeof STEP_TYPES)[number]> extends never ? true : false = true;

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The steps of a list, keeping only objects (a half-typed list item is skipped, not fatal). */
export function stepsOf(value: unknown): DraftStep[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export const stepId = (step: DraftStep): string => (typeof step.id === 'string' ? step.id : '');
export const stepType = (step: DraftStep): string => (typeof step.type === 'string' ? step.type : '');

/** The step's type when it is one the builder knows, else undefined (a half-typed or misspelled type). */
export const knownStepType = (step: DraftStep): StepType | undefined => STEP_TYPES.find((type) => type === step.type);

/** One list of steps that runs as a graph, where it is in the document, and its node id prefix. */
export interface StepListPlace {
  keys: Keys;
  /** The prefix of its steps' node ids: `''` at the top, `fan/1/` or `each/*\/`. */
  scope: string;
  /** The container's node id, or null at the top level. */
  parent: string | null;
  /** For a parallel's branch, its index. */
  branch: number | null;
}

/** The lists directly inside a parallel (its branches) or foreach (its body). */
export function nestedLists(step: DraftStep, stepKeys: Keys, nodeId: string): StepListPlace[] {
  if (stepType(step) === 'foreach') return [{ keys: [...stepKeys, 'steps'], scope: `${nodeId}/*/`, parent: nodeId, branch: null }];
  if (stepType(step) === 'parallel' && Array.isArray(step.branches)) {
    return step.branches.map((_branch, index) => ({ keys: [...stepKeys, 'branches', index, 'steps'], scope: `${nodeId}/${index}/`, parent: nodeId, branch: index }));
  }
  return [];
}

/** Every step list of the draft: the top level, then each container's lists. */
export function allLists(draft: Draft): StepListPlace[] {
  const lists: StepListPlace[] = [];
  const walk = (place: StepListPlace): void => {
    lists.push(place);
    stepsOf(valueAt(draft, place.keys)).forEach((step, index) => {
      for (const nested of nestedLists(step, [...place.keys, index], `${place.scope}${stepId(step)}`)) walk(nested);
    });
  };
  walk({ keys: ['steps'], scope: '', parent: null, branch: null });
  return lists;
}

/** Where one step is: its list, its index there and its node id. */
export interface StepPlace {
  list: StepListPlace;
  index: number;
  keys: Keys;
  nodeId: string;
  step: DraftStep;
}

/** Every step of the draft with its place, in document order. */
export function allStepPlaces(draft: Draft): StepPlace[] {
  return allLists(draft).flatMap((list) =>
    stepsOf(valueAt(draft, list.keys)).map((step, index) => ({ list, index, keys: [...list.keys, index], nodeId: `${list.scope}${stepId(step)}`, step })),
  );
}

export function findStep(draft: Draft, nodeId: string): StepPlace | undefined {
  return allStepPlaces(draft).find((place) => place.nodeId === nodeId);
}

/** The value at `keys` in a document, or undefined where the path leads nowhere. */
export function valueAt(document: unknown, keys: Keys): unknown {
  let value = document;
  for (const key of keys) {
    if (typeof key === 'number' ? !Array.isArray(value) : !isRecord(value)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A copy of `document` with `update` applied at `keys`; the objects and arrays on the way are copied, the rest shared. */
export function updateAt(document: unknown, keys: Keys, update: (value: unknown) => unknown): unknown {
  const [key, ...rest] = keys;
  if (key === undefined) return update(document);
  if (typeof key === 'number') {
    const list = Array.isArray(document) ? [...(document as unknown[])] : [];
    list[key] = updateAt(list[key], rest, update);
    return list;
  }
  const record = isRecord(document) ? { ...document } : {};
  const next = updateAt(record[key], rest, update);
  if (next === undefined) delete record[key];
  else record[key] = next;
  return record;
}

/** Every step id used anywhere in the draft (ids are unique in the whole workflow). */
export function usedIds(draft: Draft): Set<string> {
  return new Set(allStepPlaces(draft).map((place) => stepId(place.step)));
}

/** `base`, or `base_2`, `base_3`, … whichever no step uses. */
export function freeStepId(draft: Draft, base: string): string {
  const used = usedIds(draft);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}
