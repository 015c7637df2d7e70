import { Graph, layout } from '@dagrejs/dagre';

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
}

/**
 * Top-to-bottom positions for boxes joined by edges, by dagre: each box's top-left corner, with the
 * drawing starting at (0, 0). Shared by the run graph and the builder's canvas, so both read alike.
 */
export function layOutTopDown(boxes: readonly LayoutBox[], edges: readonly { from: string; to: string }[]): Map<string, { x: number; y: number }> {
  return layOutWithRoutes(boxes, edges).positions;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * The same layout, with the route dagre drew for each edge (`from->to`: its points, first and last on
 * the boxes' borders), so an edge that spans several ranks can bend around the boxes in between.
 */
export function layOutWithRoutes(boxes: readonly LayoutBox[], edges: readonly { from: string; to: string }[]): { positions: Map<string, Point>; routes: Map<string, Point[]> } {
  const g = new Graph<object, { width: number; height: number; x?: number; y?: number }, object>({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(boxes.map((box) => box.id));
  for (const box of boxes) g.setNode(box.id, { width: box.width, height: box.height });
  for (const edge of edges) if (ids.has(edge.from) && ids.has(edge.to) && edge.from !== edge.to) g.setEdge(edge.from, edge.to);
  layout(g);
  const positions = new Map(
    boxes.map((box) => {
      const placed = g.node(box.id);
      return [box.id, { x: (placed?.x ?? 0) - box.width / 2, y: (placed?.y ?? 0) - box.height / 2 }];
    }),
  );
  const routes = new Map<string, Point[]>();
  for (const edge of g.edges()) {
    const points = (g.edge(edge) as { points?: Point[] } | undefined)?.points;
    if (points !== undefined) routes.set(`${edge.v}->${edge.w}`, points);
  }
  return { positions, routes };
}
