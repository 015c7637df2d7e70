import { allLists, isRecord, knownStepType, stepId, stepsOf, stepType, TRIGGER_NODE, valueAt, type Draft, type DraftStep, type Keys } from './draft-steps.ts';

/** How one node leads to another; the same kinds as the server's version graph, plus `start` from the trigger. */
export type EdgeKind = 'start' | 'next' | 'branch' | 'otherwise' | 'on_error' | 'approved' | 'rejected' | 'timeout' | 'nested';

export interface BuilderNode {
  id: string;
  /** The step id (the trigger's node: `trigger`). */
  step: string;
  type: string;
  title: string | null;
  /** The container node this step is drawn inside, or null. */
  parent: string | null;
  keys: Keys;
}

export interface BuilderEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** The source handle: the field the edge comes from (`next`, `branch:0`, `otherwise`, `on_error`, …), `body:N` for a container's list. */
  handle: string;
  label: string | null;
  /** True for a `next` nobody wrote: the run goes on to the step below. */
  implicit: boolean;
}

/** A field naming a step that is not in its list (a typo, or a step deleted since). */
export interface DanglingTarget {
  node: string;
  keys: Keys;
  target: string;
}

export interface BuilderGraph {
  nodes: BuilderNode[];
  edges: BuilderEdge[];
  dangling: DanglingTarget[];
}

/** A field of a step that names the step to go to. */
export interface StepTargetField {
  keys: Keys;
  handle: string;
  kind: EdgeKind;
  label: string | null;
  target: string;
}

/** The fields of a step that name a step to go to, whatever they name. */
export function targetFields(step: DraftStep): StepTargetField[] {
  const fields: StepTargetField[] = [];
  const add = (keys: Keys, handle: string, kind: EdgeKind, label: string | null, target: unknown): void => {
    if (typeof target === 'string' && target !== '') fields.push({ keys, handle, kind, label, target });
  };
  add(['next'], 'next', 'next', null, step.next);
  const type = knownStepType(step);
  if (type === undefined) return fields;
  switch (type) {
    case 'decision':
      (Array.isArray(step.branches) ? step.branches : []).forEach((branch, index) => {
        if (isRecord(branch)) add(['branches', index, 'next'], `branch:${index}`, 'branch', typeof branch.when === 'string' && branch.when !== '' ? branch.when : `branch ${index + 1}`, branch.next);
      });
      add(['otherwise'], 'otherwise', 'otherwise', 'otherwise', step.otherwise);
      break;
    case 'action':
      add(['on_error'], 'on_error', 'on_error', 'on error', step.on_error);
      break;
    case 'approval': {
      const on = isRecord(step.on) ? step.on : {};
      add(['on', 'approved'], 'approved', 'approved', 'approved', on.approved);
      add(['on', 'rejected'], 'rejected', 'rejected', 'rejected', on.rejected);
      // `reject` and `escalate:TEAM` are actions, not steps.
      if (typeof step.on_timeout === 'string' && step.on_timeout !== 'reject' && !step.on_timeout.startsWith('escalate:')) add(['on_timeout'], 'timeout', 'timeout', 'timed out', step.on_timeout);
      break;
    }
    case 'wait':
    case 'set':
    case 'end':
    case 'parallel':
    case 'foreach':
    case 'workflow':
      break;
    default: {
      const _: never = type;
      return _;
    }
  }
  return fields;
}

/** False when a step's `next` is never followed: a decision, an end, an approval with both outcomes set (as the engine reads it). */
export function followsNext(step: DraftStep): boolean {
  const type = knownStepType(step);
  if (type === undefined) return true;
  switch (type) {
    case 'decision':
    case 'end':
      return false;
    case 'approval': {
      const on = isRecord(step.on) ? step.on : {};
      return on.approved === undefined || on.rejected === undefined;
    }
    case 'action':
    case 'wait':
    case 'set':
    case 'parallel':
    case 'foreach':
    case 'workflow':
      return true;
    default: {
      const _: never = type;
      return _;
    }
  }
}

/** The builder's graph of a draft: the trigger first, then every step, with where each leads. */
export function draftGraph(draft: Draft): BuilderGraph {
  const trigger = isRecord(draft.trigger) ? draft.trigger : null;
  const graph: BuilderGraph = {
    nodes: [{ id: TRIGGER_NODE, step: 'trigger', type: trigger !== null && typeof trigger.type === 'string' ? trigger.type : 'unset', title: null, parent: null, keys: ['trigger'] }],
    edges: [],
    dangling: [],
  };
  for (const list of allLists(draft)) {
    const steps = stepsOf(valueAt(draft, list.keys));
    const ids = steps.map(stepId);
    const nodeOf = (index: number): string => `${list.scope}${ids[index] ?? ''}`;
    const first = steps[0];
    if (first !== undefined) {
      if (list.parent === null) addEdge(graph, { from: TRIGGER_NODE, to: nodeOf(0), kind: 'start', handle: 'next', label: null, implicit: false });
      else addEdge(graph, { from: list.parent, to: nodeOf(0), kind: 'nested', handle: list.branch === null ? 'body:0' : `body:${list.branch}`, label: list.branch === null ? 'each item' : `branch ${list.branch + 1}`, implicit: false });
    }
    steps.forEach((step, index) => {
      const id = nodeOf(index);
      graph.nodes.push({ id, step: ids[index] ?? '', type: stepType(step), title: typeof step.title === 'string' ? step.title : null, parent: list.parent, keys: [...list.keys, index] });
      for (const field of targetFields(step)) {
        if (field.kind === 'next') continue;
        const to = ids.indexOf(field.target);
        if (to < 0) graph.dangling.push({ node: id, keys: [...list.keys, index, ...field.keys], target: field.target });
        else addEdge(graph, { from: id, to: nodeOf(to), kind: field.kind, handle: field.handle, label: field.label, implicit: false });
      }
      if (followsNext(step)) {
        const written = typeof step.next === 'string' && step.next !== '';
        const to = written ? ids.indexOf(step.next as string) : index + 1;
        if (written && to < 0) graph.dangling.push({ node: id, keys: [...list.keys, index, 'next'], target: step.next as string });
        else if (to < steps.length) addEdge(graph, { from: id, to: nodeOf(to), kind: 'next', handle: 'next', label: null, implicit: !written });
      }
    });
  }
  return graph;
}

function addEdge(graph: BuilderGraph, edge: Omit<BuilderEdge, 'id'>): void {
  graph.edges.push({ id: `${edge.from}->${edge.to}#${edge.handle}`, ...edge });
}
