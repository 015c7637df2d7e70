import type { AppContext } from '../../application/app-context.ts';
import { auditActorOf } from '../../identity/audit-actor.ts';
import { listWorkflows } from '../../application/list-workflows.ts';
import { publishWorkflow, requireWorkflow, setWorkflowStatus } from '../../application/workflow-admin.ts';
import { listWorkflowVersions, requireVersion } from '../../application/workflow-versions.ts';
import { WorkflowStatus } from '../../core/statuses.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { publishBody, versionParams, workflowParams } from '../request-schemas.ts';
import { versionListResponseSchema, versionResponseSchema, workflowResponseSchema } from '../response-schemas.ts';
import { workflowListPageSchema } from '../workflow-list-schemas.ts';
import { serializeWorkflowListing } from '../workflow-list-serializers.ts';
import { serializeVersion, serializeVersionSummary, serializeWorkflow } from '../serializers.ts';

/** Workflows, their versions, publishing and status changes. */
export function workflowRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/workflows',
      operationId: 'listWorkflows',
      permission: 'workflows.read',
      summary: 'List workflows',
      tag: 'workflows',
      status: 200,
      response: { description: 'Every workflow, by id, with its trigger, newest run and failures in the last 24 hours', schema: workflowListPageSchema },
      async handle() {
        return { workflows: (await listWorkflows(app)).map(serializeWorkflowListing) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/workflows/:id',
      operationId: 'getWorkflow',
      permission: 'workflows.read',
      summary: 'One workflow, with its draft',
      tag: 'workflows',
      params: workflowParams,
      status: 200,
      response: { description: 'The workflow', schema: workflowResponseSchema },
      errors: [404],
      async handle({ params }) {
        return { workflow: serializeWorkflow(await requireWorkflow(app, params.id)) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/workflows/:id/versions',
      operationId: 'listWorkflowVersions',
      permission: 'workflows.read',
      summary: "A workflow's published versions, newest first",
      tag: 'workflows',
      params: workflowParams,
      status: 200,
      response: { description: 'The versions, without their definitions', schema: versionListResponseSchema },
      errors: [404],
      async handle({ params }) {
        return { versions: (await listWorkflowVersions(app, params.id)).map(serializeVersionSummary) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/workflows/:id/versions/:version',
      operationId: 'getWorkflowVersion',
      permission: 'workflows.read',
      summary: 'One published version, with its definition',
      tag: 'workflows',
      params: versionParams,
      status: 200,
      response: { description: 'The version', schema: versionResponseSchema },
      errors: [404],
      async handle({ params }) {
        return { version: serializeVersion(await requireVersion(app, params.id, params.version)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/workflows/:id/publish',
      operationId: 'publishWorkflow',
      idempotent: true,
      permission: 'workflows.write',
      summary: 'Publish the draft as a new version, or re-publish an old one (rollback)',
      tag: 'workflows',
      params: workflowParams,
      body: publishBody.optional(),
      status: 201,
      response: { description: 'The new version', schema: versionResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        const version = await publishWorkflow(app, {
          id: params.id,
          actor: auditActorOf(request.caller),
          publishedBy: request.caller?.user.email ?? null,
          ...(body?.annotation === undefined ? {} : { annotation: body.annotation }),
          ...(body?.from_version === undefined ? {} : { fromVersion: body.from_version }),
          ...(body?.activate === undefined ? {} : { activate: body.activate }),
        });
        return { version: serializeVersion(version) };
      },
    }),
    statusRoute(app, 'activate', WorkflowStatus.active, 'Activate: new triggers start runs on the active version'),
    statusRoute(app, 'deactivate', WorkflowStatus.inactive, 'Deactivate: no new runs start; runs under way go on'),
    statusRoute(app, 'archive', WorkflowStatus.archived, 'Archive: hide the workflow; no new runs start'),
  ];
}

function statusRoute(app: AppContext, action: string, status: WorkflowStatus, summary: string): ApiRoute {
  return defineRoute({
    method: 'POST',
    url: `/api/v1/workflows/:id/${action}`,
    operationId: `${action}Workflow`,
    permission: 'workflows.write',
    summary,
    tag: 'workflows',
    params: workflowParams,
    status: 200,
    response: { description: 'The workflow in its new status', schema: workflowResponseSchema },
    errors: [404, 409],
    async handle({ params, request }) {
      return { workflow: serializeWorkflow(await setWorkflowStatus(app, { id: params.id, status, actor: auditActorOf(request.caller) })) };
    },
  });
}
