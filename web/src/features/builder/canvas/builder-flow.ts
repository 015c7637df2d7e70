import { MarkerType, type Edge } from '@xyflow/react';
import type { BuilderIssue, PreviewHighlight } from '../builder-types.ts';
import { sourceHandles } from '../model/draft-edits.ts';
import type { BuilderGraph, BuilderNode } from '../model/draft-graph.ts';
import { findStep, isRecord, TRIGGER_NODE, type Draft } from '../model/draft-steps.ts';
import type { Point } from '../../../ui/graph-layout.ts';
import { layOutBuilderGraph } from './builder-layout.ts';
import type { BuilderFlowNode } from './builder-node-data.ts';

const LABEL_LENGTH = 28;
const TRIGGER_WORDS: Record<string, string> = { event: 'Stripe event', schedule: 'schedule', manual: 'on demand', form: 'catalog form', webhook: 'webhook', unset: 'not chosen yet' };
const HANDLE_WORDS: Record<string, string> = { next: 'next', on_error: 'on error', otherwise: 'otherwise', approved: 'approved', rejected: 'rejected', 'branch:new': '+ branch' };

export interface FlowInput {
  draft: Draft;
  graph: BuilderGraph;
  issues: Map<string | null, BuilderIssue[]>;
  /** Where people dragged nodes; the rest is laid out. */
  positions: Record<string, { x: number; y: number }>;
  highlight: PreviewHighlight | null;
  selected: string | null;
}

/** The xyflow nodes and edges of the builder's graph: containers as parent nodes with their steps inside. */
export function flowElements(input: FlowInput): { nodes: BuilderFlowNode[]; edges: Edge[] } {
  const routes = new Map<string, Point[]>();
  const boxes = layOutBuilderGraph(input.graph, routes);
  const containers = new Set(input.graph.nodes.map((node) => node.parent).filter((parent) => parent !== null));
  const onPath = new Set(input.highlight?.path ?? []);
  const nodes: BuilderFlowNode[] = input.graph.nodes.map((node) => {
    const box = boxes.get(node.id) ?? { x: 0, y: 0, width: 0, height: 0 };
    const isGroup = containers.has(node.id) || node.type === 'parallel' || node.type === 'foreach';
    return {
      id: node.id,
      type: node.id === TRIGGER_NODE ? 'trigger' : isGroup ? 'container' : 'step',
      position: input.positions[node.id] ?? { x: box.x, y: box.y },
      ...(node.parent === null ? {} : { parentId: node.parent, extent: 'parent' as const }),
      width: box.width,
      height: box.height,
      selected: node.id === input.selected,
      deletable: node.id !== TRIGGER_NODE,
      data: {
        label: node.id === TRIGGER_NODE ? 'Trigger' : (node.title ?? node.step),
        meta: metaOf(input.draft, node),
        issues: input.issues.get(node.id) ?? [],
        outputs: outputsOf(input.draft, node),
        bodies: input.graph.edges.filter((edge) => edge.kind === 'nested' && edge.from === node.id).map((edge) => edge.handle),
        target: node.id !== TRIGGER_NODE,
        highlight: input.highlight?.states[node.id] ?? null,
        dimmed: input.highlight !== null && !onPath.has(node.id) && node.id !== TRIGGER_NODE,
      },
    };
  });
  const taken = new Set<string>();
  const path = input.highlight?.path ?? [];
  if (path[0] !== undefined) taken.add(`${TRIGGER_NODE}->${path[0]}`);
  path.forEach((id, index) => {
    const next = path[index + 1];
    if (next !== undefined) taken.add(`${id}->${next}`);
  });
  const nested = new Set(input.graph.nodes.filter((node) => node.parent !== null || containers.has(node.id)).map((node) => node.id));
  const edges: Edge[] = input.graph.edges.map((edge) => {
    const isTaken = taken.has(`${edge.from}->${edge.to}`);
    const label = edge.label === null ? undefined : edge.label.length > LABEL_LENGTH ? `${edge.label.slice(0, LABEL_LENGTH - 1)}…` : edge.label;
    const dashed = edge.kind === 'nested' || edge.kind === 'on_error' || edge.implicit;
    const bends = routedBends(input, routes, edge.from, edge.to, nested);
    return {
      id: edge.id,
      source: edge.from,
      target: edge.to,
      sourceHandle: edge.handle,
      targetHandle: 'in',
      ...(bends === null ? { type: 'smoothstep' } : { type: 'routed', data: { bends } }),
      deletable: edge.kind !== 'nested' && edge.kind !== 'start' && !edge.implicit,
      className: isTaken ? 'graph-edge taken' : 'graph-edge',
      ...(label === undefined ? {} : { label }),
      labelBgPadding: [4, 2] as [number, number],
      markerEnd: { type: MarkerType.ArrowClosed, width: isTaken ? 9 : 16, height: isTaken ? 9 : 16, color: isTaken ? 'var(--accent)' : '#9aa3ad' },
      style: { stroke: isTaken ? 'var(--accent)' : '#b6bdc6', strokeWidth: isTaken ? 3 : 1.5, ...(dashed ? { strokeDasharray: '5 4' } : {}) },
      // Top-level edges pass under the nodes (an edge across a step hides rather than covers it); xyflow lifts those inside groups above their box.
      ...(nested.has(edge.from) || nested.has(edge.to) ? {} : { zIndex: 0 }),
    };
  });
  return { nodes, edges };
}

/**
 * The bends of an edge that spans several ranks, along the layout's route, so it passes around the steps in
 * between instead of behind them; null for a short edge, inside a group, or once a person moved either end.
 */
function routedBends(input: FlowInput, routes: Map<string, Point[]>, from: string, to: string, nested: Set<string>): Point[] | null {
  if (nested.has(from) || nested.has(to) || input.positions[from] !== undefined || input.positions[to] !== undefined) return null;
  const points = routes.get(`${from}->${to}`);
  return points === undefined || points.length < 4 ? null : points.slice(1, -1);
}

function metaOf(draft: Draft, node: BuilderNode): string {
  if (node.id === TRIGGER_NODE) {
    // An event trigger names its event type(s), all the node has room for: "payment_intent.succeeded".
    const trigger = isRecord(draft.trigger) ? draft.trigger : {};
    const events = (Array.isArray(trigger.event) ? trigger.event : [trigger.event]).filter((event): event is string => typeof event === 'string' && event !== '');
    if (node.type === 'event' && events.length > 0) return `${events[0]}${events.length > 1 ? ` +${events.length - 1}` : ''}`;
    return `starts on: ${TRIGGER_WORDS[node.type] ?? node.type}`;
  }
  return `${node.type || 'no type'} · ${node.step || 'no id'}`;
}

function outputsOf(draft: Draft, node: BuilderNode): { handle: string; label: string }[] {
  if (node.id === TRIGGER_NODE) return [{ handle: 'next', label: 'start' }];
  const step = findStep(draft, node.id)?.step;
  if (step === undefined) return [];
  return sourceHandles(step).map((handle) => ({ handle, label: HANDLE_WORDS[handle] ?? (handle.startsWith('branch:') ? `branch ${Number(handle.slice(7)) + 1}` : handle) }));
}
