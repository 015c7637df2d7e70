import type { PathKey } from '../definition/definition-issue.ts';
import type { Step, StepType } from '../definition/schema.ts';
import { nestedStepLists, stepEdges } from '../definition/workflow-graph.ts';
import type { AppContext } from './app-context.ts';

/** How one step leads to another: the field that names the target, or `nested` from a container to the first step of its body. */
export const GraphEdgeKind = {
  next: 'next',
  branch: 'branch',
  otherwise: 'otherwise',
  onError: 'on_error',
  approved: 'approved',
  rejected: 'rejected',
  timeout: 'timeout',
  nested: 'nested',
} as const;
export type GraphEdgeKind = (typeof GraphEdgeKind)[keyof typeof GraphEdgeKind];

export interface GraphNode {
  /**
   * The step's path with `*` for a foreach's iteration index: `refund` at the top
   * level, `fanout/1/notify` in a parallel's branch 1, and `each/` + `*` + `/charge`
   * in a foreach's body. A journal step path maps to it by putting `*` in place of each foreach index.
   */
  id: string;
  step: string;
  type: StepType;
  title: string | null;
  /** The container (parallel or foreach) node this step is inside, or null at the top level. */
  parent: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  /** Words for the edge: a decision branch's condition, `branch 2`, `each item`; null for a plain `next`. */
  label: string | null;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The graph of a published version, in the terms of definition/workflow-graph.ts (the one definition of which step leads where). */
export async function workflowVersionGraph(app: AppContext, workflowId: string, version: number): Promise<WorkflowGraph> {
  const definition = await app.engine.definitions.get(workflowId, version);
  return workflowGraph(definition.steps);
}

/** Nodes and edges of a list of steps and every list nested in it. */
export function workflowGraph(steps: readonly Step[]): WorkflowGraph {
  const graph: WorkflowGraph = { nodes: [], edges: [] };
  addList(graph, steps, '', null);
  return graph;
}

function addList(graph: WorkflowGraph, steps: readonly Step[], scope: string, parent: string | null): void {
  steps.forEach((step, index) => {
    const id = `${scope}${step.id}`;
    graph.nodes.push({ id, step: step.id, type: step.type, title: step.title ?? null, parent });
    for (const edge of stepEdges(steps, index)) {
      const target = steps[edge.to];
      if (target !== undefined) graph.edges.push({ from: id, to: `${scope}${target.id}`, ...edgeKind(step, edge.keys) });
    }
    nestedStepLists(step, []).forEach((nested, position) => {
      const nestedScope = `${id}/${step.type === 'foreach' ? '*' : String(position)}/`;
      const first = nested.steps[0];
      if (first !== undefined) {
        graph.edges.push({ from: id, to: `${nestedScope}${first.id}`, kind: GraphEdgeKind.nested, label: step.type === 'foreach' ? 'each item' : `branch ${position + 1}` });
      }
      addList(graph, nested.steps, nestedScope, id);
    });
  });
}

function edgeKind(step: Step, keys: readonly PathKey[]): { kind: GraphEdgeKind; label: string | null } {
  switch (keys[0]) {
    case 'branches': {
      const branch = step.type === 'decision' && typeof keys[1] === 'number' ? step.branches[keys[1]] : undefined;
      return { kind: GraphEdgeKind.branch, label: branch?.when ?? null };
    }
    case 'otherwise':
      return { kind: GraphEdgeKind.otherwise, label: 'otherwise' };
    case 'on_error':
      return { kind: GraphEdgeKind.onError, label: 'on error' };
    case 'on':
      return keys[1] === 'rejected' ? { kind: GraphEdgeKind.rejected, label: 'rejected' } : { kind: GraphEdgeKind.approved, label: 'approved' };
    case 'on_timeout':
      return { kind: GraphEdgeKind.timeout, label: 'timed out' };
    default:
      return { kind: GraphEdgeKind.next, label: null };
  }
}
