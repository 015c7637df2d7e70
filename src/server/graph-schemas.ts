/** Response schema of a workflow version's graph (the run detail page draws it). */
import { z } from 'zod';
import { GraphEdgeKind } from '../application/workflow-graph-view.ts';

export const graphNodeSchema = z.object({
  id: z.string().meta({ description: 'The step path, with `*` for a foreach iteration index, e.g. `fanout/1/notify`' }),
  step: z.string().meta({ description: "The step's id" }),
  type: z.string(),
  title: z.string().nullable(),
  parent: z.string().nullable().meta({ description: 'The parallel or foreach node this step is inside' }),
});

export const graphEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.enum(GraphEdgeKind).meta({ description: 'The field that leads from one step to the other; `nested` from a container to the first step of its body' }),
  label: z.string().nullable().meta({ description: "A decision branch's condition, `otherwise`, `on error`, `branch 2`, `each item`; null for `next`" }),
});

export const workflowGraphResponseSchema = z.object({
  nodes: z.array(graphNodeSchema).meta({ description: 'Every step, nested ones included, in document order' }),
  edges: z.array(graphEdgeSchema),
});
