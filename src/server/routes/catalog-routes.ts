import type { AppContext } from '../../application/app-context.ts';
import { getOffering, listCatalog } from '../../application/catalog-listing.ts';
import { submitRequest } from '../../application/submit-request.ts';
import { actingActor } from '../../identity/audit-actor.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { actingEmail, authRequired } from '../caller-email.ts';
import { catalogResponseSchema, offeringParams, offeringResponseSchema, submitRequestBody, submitRequestResponseSchema } from '../catalog-schemas.ts';
import { serializeCatalogService, serializeOffering, serializeRequest } from '../catalog-serializers.ts';
import { serializeRun } from '../serializers.ts';

/** The service catalog: browsing offerings and submitting their forms as requests. */
export function catalogRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/catalog',
      operationId: 'listCatalog',
      permission: 'catalog.read',
      summary: 'The catalog: services and their offerings that take requests now, with their forms',
      tag: 'catalog',
      status: 200,
      response: { description: 'Services and offerings', schema: catalogResponseSchema },
      async handle() {
        return { services: (await listCatalog(app)).map(serializeCatalogService) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/catalog/offerings/:id',
      operationId: 'getOffering',
      permission: 'catalog.read',
      summary: 'One offering with its form (drafts too), and why it takes no requests when it does not',
      tag: 'catalog',
      params: offeringParams,
      status: 200,
      response: { description: 'The offering', schema: offeringResponseSchema },
      errors: [404, 409],
      async handle({ params }) {
        return { offering: serializeOffering(await getOffering(app, params.id)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/catalog/offerings/:id/requests',
      operationId: 'submitRequest',
      idempotent: true,
      permission: 'requests.submit',
      summary: "Submit an offering's form: creates the request and starts its run",
      description:
        'The values are checked against the form first; every bad field is reported at once (400 `form_invalid`, one issue per field at `values.<key>`) and nothing starts. ' +
        'The requester is the authenticated caller; while authentication is off, give `requester` (an email; it wins over any credentials sent). ' +
        'A draft offering, or one whose workflow is not active, answers 409.',
      tag: 'catalog',
      params: offeringParams,
      body: submitRequestBody,
      status: 201,
      response: { description: 'The request (open) and its run', schema: submitRequestResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        const requester = actingEmail(request, body.requester, { field: 'requester', authRequired: authRequired(app) });
        const submitted = await submitRequest(app, { offering: params.id, values: body.values, requester, actor: actingActor(request.caller, requester) });
        return { request: serializeRequest(submitted.request), run: serializeRun(submitted.run) };
      },
    }),
  ];
}
