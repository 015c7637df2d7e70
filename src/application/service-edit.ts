/**
 * Making a catalog service and changing its title, description or offerings
 * from the web app. Each is an apply of the service's `Service` document (as
 * `tollgate apply` would), so each offering is checked against its workflow
 * (a form trigger at the version it runs, a pinned version that exists), and
 * the audit trail and `export` see it.
 */
import { ConflictError } from '../core/errors.ts';
import type { ServiceDocument } from '../definition/schema.ts';
import type { Caller } from '../identity/caller.ts';
import type { AppContext } from './app-context.ts';
import type { ApplyReport } from './apply-definitions.ts';
import { requireService } from './catalog-listing.ts';
import { applyFromSettings } from './settings-apply.ts';

/** One offering as a change gives it; what it leaves out takes the Service document's defaults. */
export interface OfferingInput {
  id: string;
  title?: string | undefined;
  description?: string | undefined;
  workflow: string;
  /** A pinned version, or `latest` (the default). */
  version?: number | 'latest' | undefined;
  /** `published` (the default) takes requests; `draft` does not. */
  status?: 'draft' | 'published' | undefined;
}

export interface NewService {
  id: string;
  title: string;
  description?: string | undefined;
  offerings: OfferingInput[];
  caller?: Caller | undefined;
}

/**
 * Makes a service with its first offerings.
 * @throws ConflictError `service_exists` (path `body.id`); InvalidInputError `service_invalid` with each issue at its body field (`body.offerings[1].workflow`).
 */
export async function createService(app: AppContext, input: NewService): Promise<ApplyReport> {
  const existing = (await app.engine.store.listServices()).find((service) => service.id === input.id);
  if (existing) {
    throw new ConflictError('service_exists', `a service "${input.id}" exists already (${existing.title}); change that service, or pick another id`, { path: 'body.id' });
  }
  const document: ServiceDocument = {
    kind: 'Service',
    id: input.id,
    title: input.title,
    ...(input.description === undefined ? {} : { description: input.description }),
    offerings: input.offerings.map(offeringDocument),
  };
  const madeMeanwhile = () => new ConflictError('service_exists', `a service "${input.id}" was made meanwhile; change that service, or pick another id`, { path: 'body.id' });
  return applyFromSettings(app, document, { caller: input.caller, annotation: 'service created in the catalog', code: 'service_invalid', mustBeNew: madeMeanwhile });
}

export interface ServiceChange {
  id: string;
  title?: string | undefined;
  /** Null removes it. */
  description?: string | null | undefined;
  /** The whole list, in order: an offering left out is removed (its open requests go on to their end). Left out, the offerings stay. */
  offerings?: OfferingInput[] | undefined;
  caller?: Caller | undefined;
}

/**
 * Changes a service's title, description or offerings; what the change leaves out stays.
 * @throws NotFoundError `service_not_found`; InvalidInputError `service_invalid`.
 */
export async function updateService(app: AppContext, input: ServiceChange): Promise<ApplyReport> {
  const service = await requireService(app, input.id);
  const description = input.description === undefined ? service.description : input.description;
  const document: ServiceDocument = {
    kind: 'Service',
    id: service.id,
    title: input.title ?? service.title,
    ...(description === null ? {} : { description }),
    // Stored offerings were validated by the Service schema when applied; apply checks them again.
    offerings: input.offerings === undefined ? (service.offerings as ServiceDocument['offerings']) : input.offerings.map(offeringDocument),
  };
  return applyFromSettings(app, document, { caller: input.caller, annotation: 'service changed in the catalog', code: 'service_invalid' });
}

function offeringDocument(offering: OfferingInput): ServiceDocument['offerings'][number] {
  return {
    id: offering.id,
    ...(offering.title === undefined ? {} : { title: offering.title }),
    ...(offering.description === undefined ? {} : { description: offering.description }),
    workflow: offering.workflow,
    version: offering.version ?? 'latest',
    status: offering.status ?? 'published',
  };
}
