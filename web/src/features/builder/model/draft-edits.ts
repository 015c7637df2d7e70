import { followsNext, targetFields } from './draft-graph.ts';
import { findStep, freeStepId, isRecord, knownStepType, stepId, stepsOf, stepType, updateAt, valueAt, type Draft, type DraftStep, type Keys, type StepType } from './draft-steps.ts';

/** A new step of a type, with the fields it needs filled with a harmless start where one exists. */
export function newStep(draft: Draft, type: StepType): DraftStep {
  const id = freeStepId(draft, type);
  switch (type) {
    case 'action':
      return { id, type, uses: '', with: {} };
    case 'decision':
      // The branch's condition starts empty: the form's condition builder opens on it, not on a bare `true`.
      return { id, type, branches: [{ when: '', next: '' }], otherwise: '' };
    case 'approval':
      return { id, type, assignee: { team: '' } };
    case 'wait':
      return { id, type, for: '1h' };
    case 'set':
      return { id, type, values: {} };
    case 'end':
      return { id, type, status: 'succeeded' };
    case 'parallel':
      return { id, type, branches: [{ steps: [{ id: freeStepId(draft, `${id}_wait`), type: 'wait', for: '1m' }] }], join: 'all' };
    case 'foreach':
      return { id, type, items: '[]', as: 'item', steps: [{ id: freeStepId(draft, `${id}_wait`), type: 'wait', for: '1m' }] };
    case 'workflow':
      return { id, type, workflow: '', input: {} };
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

/** Where a new step goes: after a step (in its list), inside a container (at the end of its body or of a branch), or at the end of the top level. */
export type AddPlace = { after: string } | { inside: string; branch?: number | 'new' } | { end: true };

/** The draft with a new step of `type` at `place`, and the new step's node id. */
export function addStep(draft: Draft, type: StepType, place: AddPlace): { draft: Draft; nodeId: string } {
  const step = newStep(draft, type);
  const id = stepId(step);
  if ('after' in place) {
    const found = findStep(draft, place.after);
    if (found !== undefined) {
      return { draft: insertAt(draft, found.list.keys, found.index + 1, step), nodeId: `${found.list.scope}${id}` };
    }
  }
  if ('inside' in place) {
    const container = findStep(draft, place.inside);
    if (container?.step.type === 'foreach') {
      const body = stepsOf(container.step.steps);
      return { draft: insertAt(draft, [...container.keys, 'steps'], body.length, step), nodeId: `${container.nodeId}/*/${id}` };
    }
    if (container?.step.type === 'parallel') {
      const branches = Array.isArray(container.step.branches) ? container.step.branches : [];
      if (place.branch === 'new' || branches.length === 0) {
        const next = updateAt(draft, [...container.keys, 'branches'], (value) => [...(Array.isArray(value) ? (value as unknown[]) : []), { steps: [step] }]) as Draft;
        return { draft: next, nodeId: `${container.nodeId}/${branches.length}/${id}` };
      }
      const branch = Math.min(Math.max(place.branch ?? branches.length - 1, 0), branches.length - 1);
      const keys = [...container.keys, 'branches', branch, 'steps'];
      return { draft: insertAt(draft, keys, stepsOf(valueAt(draft, keys)).length, step), nodeId: `${container.nodeId}/${branch}/${id}` };
    }
  }
  return { draft: insertAt(draft, ['steps'], stepsOf(draft.steps).length, step), nodeId: id };
}

function insertAt(draft: Draft, listKeys: Keys, index: number, step: DraftStep): Draft {
  return updateAt(draft, listKeys, (value) => {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    list.splice(index, 0, step);
    return list;
  }) as Draft;
}

/**
 * The draft without a step (and the steps inside it). In its list, an optional field that led to it
 * is cleaned up: a `next` goes on to where the deleted step went, `on_error` and approval outcomes are
 * removed. A decision's branch or `otherwise` that named it is required, so it is left for the person
 * to point elsewhere: those fields come back in `flagged`. A parallel branch left empty is removed.
 */
export function removeStep(draft: Draft, nodeId: string): { draft: Draft; flagged: Keys[] } {
  const found = findStep(draft, nodeId);
  if (found === undefined) return { draft, flagged: [] };
  const removedId = stepId(found.step);
  const listed = stepsOf(valueAt(draft, found.list.keys));
  // Where the deleted step went on to: its written `next`, else the step below it.
  const below = followsNext(found.step) ? listed[found.index + 1] : undefined;
  const onwards = typeof found.step.next === 'string' && found.step.next !== '' ? found.step.next : below === undefined ? undefined : stepId(below);
  const flagged: Keys[] = [];
  let steps = listed.filter((_step, index) => index !== found.index);
  steps = steps.map((step, index) => {
    let changed = step;
    for (const field of targetFields(step)) {
      if (field.target !== removedId) continue;
      if (field.kind === 'branch' || field.kind === 'otherwise') {
        flagged.push([...found.list.keys, index, ...field.keys]);
        continue;
      }
      changed = updateAt(changed, field.keys, () => (field.kind === 'next' ? onwards : undefined)) as DraftStep;
      if (isRecord(changed.on) && Object.keys(changed.on).length === 0) changed = updateAt(changed, ['on'], () => undefined) as DraftStep;
    }
    return changed;
  });
  const branch = found.list.branch;
  if (steps.length === 0 && branch !== null) {
    const branchesKeys = found.list.keys.slice(0, -2);
    return { draft: updateAt(draft, branchesKeys, (value) => (Array.isArray(value) ? value.filter((_b, index) => index !== branch) : value)) as Draft, flagged };
  }
  return { draft: updateAt(draft, found.list.keys, () => steps) as Draft, flagged };
}

/** Handles a connection may start from, per step type (a decision also takes `branch:N` and `branch:new`). */
export function sourceHandles(step: DraftStep): string[] {
  const type = knownStepType(step);
  if (type === undefined) return ['next'];
  switch (type) {
    case 'end':
      return [];
    case 'decision':
      return [...(Array.isArray(step.branches) ? step.branches.map((_b, index) => `branch:${index}`) : []), 'branch:new', 'otherwise'];
    case 'action':
      return ['next', 'on_error'];
    case 'approval':
      return ['approved', 'rejected', 'next'];
    case 'wait':
    case 'set':
    case 'parallel':
    case 'foreach':
    case 'workflow':
      return ['next'];
    default: {
      const _: never = type;
      return _;
    }
  }
}

/** The draft with `from`'s `handle` field pointing at `to`, or why they cannot be connected. */
export function connectSteps(draft: Draft, connection: { from: string; handle: string; to: string }): { draft: Draft } | { error: string } {
  const from = findStep(draft, connection.from);
  const to = findStep(draft, connection.to);
  if (from === undefined || to === undefined) return { error: 'Connect two steps: the trigger always starts at the first step.' };
  if (from.list.keys.join('.') !== to.list.keys.join('.')) {
    return { error: `"${stepId(from.step)}" and "${stepId(to.step)}" are in different step lists: a step goes only to a step of its own list (the top level, one branch, or one loop body).` };
  }
  if (from.nodeId === to.nodeId) return { error: 'A step cannot lead to itself.' };
  const target = stepId(to.step);
  const keys = fieldKeys(from.step, connection.handle);
  if (keys === undefined) return { error: `A ${stepType(from.step) || 'step'} step has no "${connection.handle}" connection.` };
  if (connection.handle === 'branch:new') {
    return { draft: updateAt(draft, [...from.keys, 'branches'], (value) => [...(Array.isArray(value) ? (value as unknown[]) : []), { when: 'true', next: target }]) as Draft };
  }
  return { draft: updateAt(draft, [...from.keys, ...keys], () => target) as Draft };
}

function fieldKeys(step: DraftStep, handle: string): Keys | undefined {
  if (!sourceHandles(step).includes(handle)) return undefined;
  if (handle.startsWith('branch:')) return handle === 'branch:new' ? [] : ['branches', Number(handle.slice('branch:'.length)), 'next'];
  switch (handle) {
    case 'approved':
    case 'rejected':
      return ['on', handle];
    case 'next':
    case 'on_error':
    case 'otherwise':
      return [handle];
    default:
      return undefined;
  }
}

/** The draft without the connection `from` makes through `handle` (a decision's branch goes whole); an implicit `next` has no field to remove. */
export function disconnect(draft: Draft, connection: { from: string; handle: string }): Draft {
  const from = findStep(draft, connection.from);
  if (from === undefined) return draft;
  if (connection.handle.startsWith('branch:')) {
    const index = Number(connection.handle.slice('branch:'.length));
    return updateAt(draft, [...from.keys, 'branches'], (value) => (Array.isArray(value) ? value.filter((_b, at) => at !== index) : value)) as Draft;
  }
  const keys = fieldKeys(from.step, connection.handle);
  if (keys === undefined || connection.handle === 'otherwise') return draft;
  return updateAt(draft, [...from.keys, ...keys], () => undefined) as Draft;
}

/** The draft with a step renamed, and every field of its list that named it following it. */
export function renameStep(draft: Draft, nodeId: string, newId: string): Draft {
  const found = findStep(draft, nodeId);
  if (found === undefined) return draft;
  const oldId = stepId(found.step);
  if (oldId === newId) return draft;
  const steps = stepsOf(valueAt(draft, found.list.keys)).map((step, index) => {
    let changed: DraftStep = index === found.index ? { ...step, id: newId } : step;
    for (const field of targetFields(changed)) {
      if (field.target === oldId) changed = updateAt(changed, field.keys, () => newId) as DraftStep;
    }
    return changed;
  });
  return updateAt(draft, found.list.keys, () => steps) as Draft;
}
