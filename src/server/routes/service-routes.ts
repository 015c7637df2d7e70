import type { AppContext } from '../../application/app-context.ts';
import type { ApplyReport } from '../../application/apply-definitions.ts';
import { getService, listServices } from '../../application/catalog-listing.ts';
import { createService, updateService, type OfferingInput } from '../../application/service-edit.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { serializeCatalogService } from '../catalog-serializers.ts';
import { warningsBody } from '../serializers.ts';
import { serviceChangeResponseSchema, serviceCreateBody, serviceListResponseSchema, serviceParams, serviceUpdateBody, type OfferingInputBody } from '../service-schemas.ts';

/**
 * Catalog services as the people who change them see them (every offering,
 * drafts too); making a service and changing its title, description or
 * offerings each apply the service's `Service` document.
 */
export function serviceRoutes(app: AppContext): ApiRoute[] {
  const changed = async (id: string, report: ApplyReport) => {
    const result = report.results.find((item) => item.kind === 'Service' && item.id === id) ?? { kind: 'Service' as const, id, action: 'unchanged' as const };
    return { service: serializeCatalogService(await getService(app, id)), result, ...warningsBody(report.warnings) };
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/services',
      operationId: 'listServices',
      summary: 'List catalog services (from applied `Service` documents) with every offering, drafts too',
      description: 'Unlike GET /api/v1/catalog, which shows requesters what they can ask for now, this lists every service, an empty one too, and every offering with why it takes no requests when it does not.',
      tag: 'definitions',
      permission: 'workflows.read',
      status: 200,
      response: { description: 'Every service, by id', schema: serviceListResponseSchema },
      async handle() {
        return { services: (await listServices(app)).map(serializeCatalogService) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/services',
      operationId: 'createService',
      summary: 'Make a catalog service with its first offerings',
      description:
        'Applies a `Service` document with the given id, title, description and offerings, as `apply` would: each offering’s workflow must exist and start by a form trigger at the version it runs, and a pinned version must exist; the audit trail records it and `export` shows it. An id in use answers 409 `service_exists`; a document apply refuses answers 400 `service_invalid` with each issue at its `body` field (`body.offerings[1].workflow`).',
      tag: 'definitions',
      permission: 'definitions.apply',
      idempotent: true,
      body: serviceCreateBody,
      status: 201,
      response: { description: 'The new service', schema: serviceChangeResponseSchema },
      errors: [409],
      async handle({ body, request }) {
        const service = { id: body.id, title: body.title, description: body.description === '' ? undefined : body.description, offerings: body.offerings.map(offeringInput) };
        return changed(body.id, await createService(app, { ...service, caller: request.caller }));
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/services/:id',
      operationId: 'updateService',
      summary: "Change a catalog service's title, description or offerings",
      description:
        "Re-applies the service's `Service` document with the new title, description (null removes it) or offerings (the whole list, in order: add, change, move and remove in one call) and the rest as it is. An offering removed this way leaves the catalog at once; its open requests go on to their end. The same checks as `createService` answer a change apply refuses (400 `service_invalid`, at the `body` field).",
      tag: 'definitions',
      permission: 'definitions.apply',
      params: serviceParams,
      body: serviceUpdateBody,
      status: 200,
      response: { description: 'The service, changed', schema: serviceChangeResponseSchema },
      errors: [404],
      async handle({ params, body, request }) {
        const description = body.description === '' ? null : body.description;
        return changed(params.id, await updateService(app, { id: params.id, title: body.title, description, offerings: body.offerings?.map(offeringInput), caller: request.caller }));
      },
    }),
  ];
}

/** An empty description is none. */
function offeringInput(offering: OfferingInputBody): OfferingInput {
  return { ...offering, description: offering.description === '' ? undefined : offering.description };
}
