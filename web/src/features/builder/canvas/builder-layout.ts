import { layOutWithRoutes, type Point } from '../../../ui/graph-layout.ts';
import type { BuilderGraph } from '../model/draft-graph.ts';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 64;
/** A container's own header (its title, handles and "add inside" buttons) above its body. */
export const GROUP_HEADER = 92;
export const GROUP_PADDING = 18;

/** Where a node is drawn: relative to its container for a step inside one, as xyflow's sub-flows want. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Lays out the builder's graph: each container's body first (innermost out), as its own top-down
 * drawing inside the container's box, then each level with the containers as big boxes. The routes of
 * the top level's edges (`from->to`, in the canvas's coordinates) are put in `routes` when given.
 */
export function layOutBuilderGraph(graph: BuilderGraph, routes?: Map<string, Point[]>): Map<string, NodeBox> {
  const boxes = new Map<string, NodeBox>();
  const children = new Map<string | null, string[]>();
  for (const node of graph.nodes) children.set(node.parent, [...(children.get(node.parent) ?? []), node.id]);
  const layOutLevel = (parent: string | null): { width: number; height: number } => {
    const ids = children.get(parent) ?? [];
    const sizes = ids.map((id) => {
      const inner = children.has(id) ? layOutLevel(id) : null;
      return {
        id,
        width: inner === null ? NODE_WIDTH : Math.max(NODE_WIDTH, inner.width + 2 * GROUP_PADDING),
        height: inner === null ? NODE_HEIGHT : GROUP_HEADER + inner.height + GROUP_PADDING,
      };
    });
    const laidOut = layOutWithRoutes(sizes, graph.edges.filter((edge) => edge.kind !== 'nested'));
    const placed = laidOut.positions;
    if (parent === null) for (const [key, points] of laidOut.routes) routes?.set(key, points);
    let width = 0;
    let height = 0;
    for (const size of sizes) {
      const at = placed.get(size.id) ?? { x: 0, y: 0 };
      const offset = parent === null ? { x: 0, y: 0 } : { x: GROUP_PADDING, y: GROUP_HEADER };
      boxes.set(size.id, { x: at.x + offset.x, y: at.y + offset.y, width: size.width, height: size.height });
      width = Math.max(width, at.x + size.width);
      height = Math.max(height, at.y + size.height);
    }
    return { width, height };
  };
  layOutLevel(null);
  return boxes;
}
