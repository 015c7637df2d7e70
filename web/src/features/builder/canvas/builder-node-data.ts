import type { Node } from '@xyflow/react';
import type { BuilderIssue } from '../builder-types.ts';

export type HighlightState = 'succeeded' | 'failed' | 'waiting' | null;

export interface BuilderNodeData extends Record<string, unknown> {
  label: string;
  meta: string;
  issues: BuilderIssue[];
  /** Where connections may start: the field each sets (`next`, `branch:0`, `otherwise`, …) and its words. */
  outputs: { handle: string; label: string }[];
  /** Handles into a container's bodies (`body:0`, …), for the edges to each body's first step. */
  bodies: string[];
  target: boolean;
  highlight: HighlightState;
  /** On the path a preview took (dimmed when a preview ran and this node was not on it). */
  dimmed: boolean;
}

export type BuilderFlowNode = Node<BuilderNodeData, 'trigger' | 'step' | 'container'>;
