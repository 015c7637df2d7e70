import type { GraphNode, StepAttempt, WorkflowGraphAnswer } from '../../api/types.ts';

/** How a step fared in a run, for colouring its node; `not_run` when the run never reached it. */
export type NodeState = 'succeeded' | 'failed' | 'waiting' | 'running' | 'cancelled' | 'not_run';

export interface RunPath {
  /** Per graph node id. */
  states: Map<string, NodeState>;
  /** Edges the run went along, as `from->to`. */
  followed: Set<string>;
}

/** A `runs wake` row in the journal: a note on its step's visit, not an attempt of it. */
export const isWake = (attempt: StepAttempt): boolean => attempt.step_type === 'wake';

export const edgeKey = (from: string, to: string): string => `${from}->${to}`;

/**
 * The graph node of a journal step path: a foreach's iteration index becomes `*`
 * (`each/3/charge` → `each/*` + `/charge`), a parallel's branch index stays.
 */
export function nodeIdOf(stepPath: string, nodes: ReadonlyMap<string, GraphNode>): string {
  const segments = stepPath.split('/');
  let id = segments[0] ?? '';
  for (let index = 1; index + 1 < segments.length; index += 2) {
    const position = nodes.get(id)?.type === 'foreach' ? '*' : (segments[index] ?? '');
    id = `${id}/${position}/${segments[index + 1] ?? ''}`;
  }
  return id;
}

/**
 * The path a run took through its graph, from its journal alone: each step's state, and each
 * edge between two steps that ran one after the other in the same list (a branch, an iteration
 * or the top level), plus the edge into a container's body when the body ran.
 */
export function runPath(graph: WorkflowGraphAnswer, attempts: readonly StepAttempt[]): RunPath {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const edges = new Set(graph.edges.map((edge) => edgeKey(edge.from, edge.to)));
  // The last attempt of each visit of each concrete step path, in journal order of first appearance.
  const visits = new Map<string, StepAttempt>();
  for (const attempt of attempts) {
    if (!isWake(attempt)) visits.set(`${attempt.step_path}#${attempt.visit}`, attempt);
  }
  const states = new Map<string, NodeState>();
  for (const attempt of visits.values()) {
    const id = nodeIdOf(attempt.step_path, nodes);
    states.set(id, merge(states.get(id), stateOf(attempt.status)));
  }
  const followed = new Set<string>();
  const lastInScope = new Map<string, string>();
  for (const attempt of visits.values()) {
    const cut = attempt.step_path.lastIndexOf('/');
    const scope = cut < 0 ? '' : attempt.step_path.slice(0, cut);
    const id = nodeIdOf(attempt.step_path, nodes);
    const previous = lastInScope.get(scope);
    if (previous !== undefined && edges.has(edgeKey(previous, id))) followed.add(edgeKey(previous, id));
    if (previous === undefined && scope !== '') {
      // The first step of a body: the container led into it.
      const container = nodeIdOf(scope.slice(0, scope.lastIndexOf('/')), nodes);
      if (edges.has(edgeKey(container, id))) followed.add(edgeKey(container, id));
    }
    lastInScope.set(scope, id);
  }
  for (const node of graph.nodes) if (!states.has(node.id)) states.set(node.id, 'not_run');
  return { states, followed };
}

function stateOf(status: StepAttempt['status']): NodeState {
  switch (status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'waiting':
      return 'waiting';
    case 'retrying':
      return 'running';
    case 'cancelled':
      return 'cancelled';
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

/** A step that ran many times (loops, iterations) shows its most telling state: a failure first. */
const PRECEDENCE: NodeState[] = ['failed', 'waiting', 'running', 'cancelled', 'succeeded', 'not_run'];
function merge(current: NodeState | undefined, next: NodeState): NodeState {
  if (current === undefined) return next;
  return PRECEDENCE.indexOf(next) < PRECEDENCE.indexOf(current) ? next : current;
}
