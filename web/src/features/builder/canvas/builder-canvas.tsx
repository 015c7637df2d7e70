import { applyNodeChanges, Background, Controls, ReactFlow, type Connection, type Edge, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import type { BuilderIssue, PreviewHighlight } from '../builder-types.ts';
import { connectSteps, disconnect, removeStep } from '../model/draft-edits.ts';
import { draftGraph } from '../model/draft-graph.ts';
import { TRIGGER_NODE, type Draft } from '../model/draft-steps.ts';
import { flowElements } from './builder-flow.ts';
import type { BuilderFlowNode } from './builder-node-data.ts';
import { builderNodeTypes } from './builder-nodes.tsx';
import { builderEdgeTypes } from './routed-edge.tsx';

export interface BuilderCanvasProps {
  draft: Draft;
  issues: Map<string | null, BuilderIssue[]>;
  positions: Record<string, { x: number; y: number }>;
  onPositions: (positions: Record<string, { x: number; y: number }>) => void;
  highlight: PreviewHighlight | null;
  selected: string | null;
  onSelect: (nodeId: string | null) => void;
  onChange: (draft: Draft) => void;
  /** A connection or deletion that could not be made, in words (null clears it). */
  onNotice: (message: string | null) => void;
}

/**
 * The workflow as an editable graph: drag a node to move it, drag from a node's handle to another
 * step to connect (the handle says which field it sets), Delete removes the selected step or connection.
 */
export function BuilderCanvas(props: BuilderCanvasProps) {
  const { draft, onChange, onNotice } = props;
  const graph = useMemo(() => draftGraph(draft), [draft]);
  const elements = useMemo(
    () => flowElements({ draft, graph, issues: props.issues, positions: props.positions, highlight: props.highlight, selected: props.selected }),
    [draft, graph, props.issues, props.positions, props.highlight, props.selected],
  );
  // xyflow measures and drags its own copy of the nodes; each new draft or layout replaces it.
  const [nodes, setNodes] = useState<BuilderFlowNode[]>(elements.nodes);
  useEffect(() => setNodes(elements.nodes), [elements.nodes]);

  const onNodesChange = (changes: NodeChange<BuilderFlowNode>[]): void => {
    setNodes((current) => applyNodeChanges(changes, current));
    const moved = changes.flatMap((change) => (change.type === 'position' && change.dragging === false && change.position !== undefined ? [[change.id, change.position] as const] : []));
    if (moved.length > 0) props.onPositions({ ...props.positions, ...Object.fromEntries(moved) });
    for (const change of changes) if (change.type === 'select' && change.selected) props.onSelect(change.id);
  };

  const onConnect = (connection: Connection): void => {
    const result = connectSteps(draft, { from: connection.source, handle: connection.sourceHandle ?? 'next', to: connection.target });
    if ('error' in result) onNotice(result.error);
    else {
      onNotice(null);
      onChange(result.draft);
    }
  };

  const onDelete = ({ nodes: deletedNodes, edges: deletedEdges }: { nodes: BuilderFlowNode[]; edges: Edge[] }): void => {
    let next = draft;
    const flagged: string[] = [];
    for (const edge of deletedEdges) next = disconnect(next, { from: edge.source, handle: edge.sourceHandle ?? 'next' });
    // A container's steps go with it: delete the outermost only.
    const ids = new Set(deletedNodes.map((node) => node.id));
    for (const node of deletedNodes) {
      if (node.id === TRIGGER_NODE || (node.parentId !== undefined && ids.has(node.parentId))) continue;
      const removed = removeStep(next, node.id);
      next = removed.draft;
      flagged.push(...removed.flagged.map((keys) => keys.join('.')));
    }
    onNotice(flagged.length > 0 ? `Deleted. Point ${flagged.join(', ')} at another step: it named the deleted one.` : null);
    if (deletedNodes.some((node) => node.id === props.selected)) props.onSelect(null);
    onChange(next);
  };

  return (
    <div className="builder-canvas" role="group" aria-label={`Workflow graph: ${graph.nodes.length - 1} steps`}>
      <ReactFlow
        nodes={nodes}
        edges={elements.edges}
        nodeTypes={builderNodeTypes}
        edgeTypes={builderEdgeTypes}
        onNodesChange={onNodesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onPaneClick={() => props.onSelect(null)}
        onNodeClick={(_event, node) => props.onSelect(node.id)}
        deleteKeyCode={['Delete', 'Backspace']}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={1.25}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
