import type { AppContext } from '../../application/app-context.ts';
import { workflowVersionGraph } from '../../application/workflow-graph-view.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { workflowGraphResponseSchema } from '../graph-schemas.ts';
import { versionParams } from '../request-schemas.ts';

/** A published version's steps as a graph, for drawing it. */
export function workflowGraphRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/workflows/:id/versions/:version/graph',
      operationId: 'getWorkflowVersionGraph',
      permission: 'workflows.read',
      summary: "A published version's steps as nodes and edges",
      description: 'Which step leads to which, and why (next, decision branch, on error, approval outcome), as the engine follows it. A run detail maps each step attempt to a node by its step path.',
      tag: 'workflows',
      params: versionParams,
      status: 200,
      response: { description: 'Nodes and edges', schema: workflowGraphResponseSchema },
      errors: [404],
      async handle({ params }) {
        return workflowVersionGraph(app, params.id, params.version);
      },
    }),
  ];
}
