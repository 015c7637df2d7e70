import { z } from 'zod';
import type { AppContext } from '../../application/app-context.ts';
import { listTemplates, useTemplate } from '../../application/templates.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { templateListResponseSchema, useTemplateBody, useTemplateResponseSchema } from '../template-schemas.ts';

/** Templates: the bundled example workflows, to start a new workflow from. */
export function templateRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/templates',
      operationId: 'listTemplates',
      summary: 'List the workflow templates',
      tag: 'workflows',
      permission: 'workflows.read',
      status: 200,
      response: { description: 'The templates', schema: templateListResponseSchema },
      handle: () =>
        Promise.resolve({
          templates: listTemplates(app).map((template) => ({
            id: template.id,
            title: template.title,
            description: template.description,
            trigger_type: template.triggerType,
            includes: template.includes,
          })),
        }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/templates/:id/use',
      operationId: 'useTemplate',
      idempotent: true,
      summary: 'Create a workflow from a template (a draft unless activate is true)',
      tag: 'workflows',
      permission: 'workflows.write',
      params: z.strictObject({ id: z.string().min(1) }),
      body: useTemplateBody,
      status: 201,
      response: { description: 'What was created', schema: useTemplateResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        const results = await useTemplate(app, {
          templateId: params.id,
          caller: request.caller,
          ...(body?.workflow_id === undefined ? {} : { workflowId: body.workflow_id }),
          ...(body?.activate === undefined ? {} : { activate: body.activate }),
        });
        return { results: results.map((result) => ({ kind: result.kind, id: result.id, action: result.action, ...(result.version === undefined ? {} : { version: result.version }) })) };
      },
    }),
  ];
}
