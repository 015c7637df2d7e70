/**
 * The API's answer types, inferred from the server's own zod schemas (type-only imports: nothing
 * of the server is bundled). One definition: a renamed field breaks the web app's typecheck.
 */
import type { z } from 'zod';
import type { meResponseSchema, userSchema } from '../../../src/server/identity-schemas.ts';

export type Me = z.infer<typeof meResponseSchema>;
export type User = z.infer<typeof userSchema>;

// Runs (list, detail, statistics) and a workflow version's graph.
import type { runDetailResponseSchema, runListResponseSchema, runSchema, stepAttemptSchema } from '../../../src/server/response-schemas.ts';
import type { runStatsResponseSchema } from '../../../src/server/stats-schemas.ts';
import type { graphEdgeSchema, graphNodeSchema, workflowGraphResponseSchema } from '../../../src/server/graph-schemas.ts';
export type Run = z.infer<typeof runSchema>;
export type StepAttempt = z.infer<typeof stepAttemptSchema>;
export type RunDetailAnswer = z.infer<typeof runDetailResponseSchema>;
export type RunListAnswer = z.infer<typeof runListResponseSchema>;
export type RunStatsAnswer = z.infer<typeof runStatsResponseSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type WorkflowGraphAnswer = z.infer<typeof workflowGraphResponseSchema>;
