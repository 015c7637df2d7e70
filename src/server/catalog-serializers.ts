/** Catalog offerings and requests to response bodies (snake_case, ISO times). */
import type { CatalogService } from '../application/catalog-listing.ts';
import type { OfferingForm } from '../catalog/offering-form.ts';
import type { RequestRecord } from '../store/request-store.ts';
import type { CatalogServiceBody, OfferingBody, RequestBody } from './catalog-schemas.ts';

export function serializeOffering(form: OfferingForm): OfferingBody {
  const { offering } = form;
  return {
    id: offering.id,
    service: offering.serviceId,
    service_title: offering.serviceTitle,
    title: offering.title,
    description: offering.description,
    workflow: offering.workflowId,
    version: offering.version,
    resolved_version: form.version,
    status: offering.status,
    available: form.unavailable === null,
    unavailable_reason: form.unavailable,
    form: form.fields,
  };
}

export function serializeCatalogService(service: CatalogService): CatalogServiceBody {
  return { id: service.id, title: service.title, description: service.description, offerings: service.offerings.map(serializeOffering) };
}

export function serializeRequest(request: RequestRecord): RequestBody {
  return {
    id: request.id,
    service: request.serviceId,
    offering: request.offeringId,
    workflow: request.workflowId,
    version: request.version,
    requester: request.requester,
    status: request.status,
    outcome: request.outcome,
    values: request.values,
    run: request.runId,
    created_at: request.createdAt.toISOString(),
    updated_at: request.updatedAt.toISOString(),
    closed_at: request.closedAt?.toISOString() ?? null,
  };
}
