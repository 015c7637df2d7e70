import { BaseEdge, type Edge, type EdgeProps } from '@xyflow/react';
import type { Point } from '../../../ui/graph-layout.ts';

export type RoutedEdge = Edge<{ bends: Point[] }, 'routed'>;

const CORNER = 12;

/**
 * An edge drawn along the layout's route: from its handle, through the bends the layout gave it, to
 * the target's handle, with rounded corners. Its label sits on the middle bend.
 */
export function RoutedEdgeView(props: EdgeProps<RoutedEdge>) {
  const points = [{ x: props.sourceX, y: props.sourceY }, ...(props.data?.bends ?? []), { x: props.targetX, y: props.targetY }];
  const middle = points[Math.floor(points.length / 2)] ?? points[0];
  return (
    <BaseEdge
      id={props.id}
      path={roundedPath(points)}
      {...(props.markerEnd === undefined ? {} : { markerEnd: props.markerEnd })}
      {...(props.style === undefined ? {} : { style: props.style })}
      label={props.label}
      labelX={middle?.x}
      labelY={middle?.y}
      {...(props.labelBgPadding === undefined ? {} : { labelBgPadding: props.labelBgPadding })}
    />
  );
}

function roundedPath(points: Point[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let path = `M ${first.x} ${first.y}`;
  rest.forEach((point, index) => {
    const before = points[index] ?? first;
    const after = rest[index + 1];
    if (after === undefined) {
      path += ` L ${point.x} ${point.y}`;
      return;
    }
    const into = towards(point, before, CORNER);
    const out = towards(point, after, CORNER);
    path += ` L ${into.x} ${into.y} Q ${point.x} ${point.y} ${out.x} ${out.y}`;
  });
  return path;
}

/** The point `distance` from `from` on the way to `to` (at most half-way). */
function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length === 0) return from;
  const step = Math.min(distance, length / 2) / length;
  return { x: from.x + (to.x - from.x) * step, y: from.y + (to.y - from.y) * step };
}

export const builderEdgeTypes = { routed: RoutedEdgeView };
