import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { WorkflowGraphAnswer } from '../../api/types.ts';
import { titleFromId } from '../../../../src/core/id-from-title.ts';
import { layOutTopDown } from '../../ui/graph-layout.ts';
import { statusWords } from '../../ui/status-label.ts';
import type { StepChange } from '../workflows/version-changes.ts';
import { edgeKey, type NodeState, type RunPath } from './run-path.ts';

const NODE_WIDTH = 200;
const NODE_HEIGHT = 60;
const LABEL_LENGTH = 30;

type StepNodeData = { label: string; stepType: string; state: NodeState | null; change: StepChange | null; nested: boolean };
type StepNode = Node<StepNodeData, 'step'>;


function StepNodeView({ data }: NodeProps<StepNode>) {
  return (
    <div className={`graph-node${data.state === null ? '' : ` state-${data.state}`}${data.change === null ? '' : ` change-${data.change}`}${data.nested ? ' nested' : ''}`}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="graph-node-title">{data.label}</div>
      <div className="graph-node-meta">
        {data.stepType}
        {data.state !== null && ` · ${statusWords(data.state)}`}
        {data.change !== null && ` · ${data.change}`}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { step: StepNodeView };

const NO_PATH: RunPath = { states: new Map(), followed: new Set() };

/**
 * The workflow's graph, laid out top to bottom by dagre, read-only, fitted to its box, with the
 * path the run took drawn in the accent colour and each step coloured by how it fared. Without a
 * path it is the bare graph; `changes` marks steps added, removed or changed against another version.
 */
export function RunGraph({ graph, path, changes, label }: { graph: WorkflowGraphAnswer; path?: RunPath; changes?: ReadonlyMap<string, StepChange>; label?: string }) {
  const { nodes, edges } = useMemo(() => layOut(graph, path ?? NO_PATH, path !== undefined, changes), [graph, path, changes]);
  const ran = [...(path ?? NO_PATH).states.values()].filter((state) => state !== 'not_run').length;
  const described = label ?? (path === undefined ? `Workflow graph: ${graph.nodes.length} steps` : `Workflow graph: ${graph.nodes.length} steps, ${ran} of them run; the path taken is highlighted`);
  return (
    <div className="run-graph" role="img" aria-label={described}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        minZoom={0.2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

function layOut(graph: WorkflowGraphAnswer, path: RunPath, ran: boolean, changes: ReadonlyMap<string, StepChange> | undefined): { nodes: StepNode[]; edges: Edge[] } {
  const placed = layOutTopDown(
    graph.nodes.map((node) => ({ id: node.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    graph.edges,
  );
  const nodes: StepNode[] = graph.nodes.map((node) => {
    return {
      id: node.id,
      type: 'step',
      position: placed.get(node.id) ?? { x: 0, y: 0 },
      data: {
        label: node.title ?? titleFromId(node.step),
        stepType: node.type,
        state: ran ? (path.states.get(node.id) ?? 'not_run') : null,
        change: changes?.get(node.id) ?? null,
        nested: node.parent !== null,
      },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    };
  });
  const edges: Edge[] = graph.edges.map((edge) => {
    const taken = path.followed.has(edgeKey(edge.from, edge.to));
    const label = edge.label === null ? undefined : edge.label.length > LABEL_LENGTH ? `${edge.label.slice(0, LABEL_LENGTH - 1)}…` : edge.label;
    return {
      id: edgeKey(edge.from, edge.to),
      source: edge.from,
      target: edge.to,
      type: 'smoothstep',
      className: taken ? 'graph-edge taken' : 'graph-edge',
      ...(label === undefined ? {} : { label }),
      labelBgPadding: [4, 2] as [number, number],
      // A marker scales with the stroke: the thicker taken edge gets a smaller one, so both arrows look alike.
      markerEnd: { type: MarkerType.ArrowClosed, width: taken ? 9 : 16, height: taken ? 9 : 16, color: taken ? 'var(--accent)' : '#9aa3ad' },
      style: { stroke: taken ? 'var(--accent)' : '#b6bdc6', strokeWidth: taken ? 3 : 1.5, ...(edge.kind === 'nested' || edge.kind === 'on_error' ? { strokeDasharray: '5 4' } : {}) },
      zIndex: taken ? 1 : 0,
    };
  });
  return { nodes, edges };
}
