/** What requesters browse: services, their offerings and the forms to fill in. */
import { findOffering, offeringsOf, OfferingStatus } from '../catalog/offering.ts';
import { resolveOfferingForm, type OfferingForm } from '../catalog/offering-form.ts';
import { NotFoundError } from '../core/errors.ts';
import { suggestion } from '../definition/did-you-mean.ts';
import type { ServiceRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';

export interface CatalogService {
  id: string;
  title: string;
  description: string | null;
  offerings: OfferingForm[];
}

/**
 * The catalog for a requester: every published offering that takes requests
 * now (its workflow active, with a form trigger), with its form fields,
 * grouped by service. Services with no such offering are left out.
 */
export async function listCatalog(app: AppContext): Promise<CatalogService[]> {
  const services = await app.engine.store.listServices();
  const listed: CatalogService[] = [];
  for (const service of services) {
    const published = offeringsOf(service).filter((offering) => offering.status === OfferingStatus.published);
    const forms = await Promise.all(published.map((offering) => resolveOfferingForm(app.engine, offering)));
    const open = forms.filter((form) => form.unavailable === null);
    if (open.length > 0) listed.push({ id: service.id, title: service.title, description: service.description, offerings: open });
  }
  return listed;
}

/**
 * One offering (draft ones too) with its form, and why it takes no requests when it does not.
 * @param reference `offering` or `service/offering`
 */
export async function getOffering(app: AppContext, reference: string): Promise<OfferingForm> {
  const offering = findOffering(await app.engine.store.listServices(), reference);
  return resolveOfferingForm(app.engine, offering);
}

/**
 * Every service with every offering, drafts and those that take no requests
 * now too (each saying why), for the people who change the catalog.
 */
export async function listServices(app: AppContext): Promise<CatalogService[]> {
  const services = await app.engine.store.listServices();
  return Promise.all(services.map((service) => serviceWithOfferings(app, service)));
}

/**
 * One service with every offering, as `listServices` gives it.
 * @throws NotFoundError `service_not_found`
 */
export async function getService(app: AppContext, id: string): Promise<CatalogService> {
  return serviceWithOfferings(app, await requireService(app, id));
}

/**
 * The stored service with this id.
 * @throws NotFoundError `service_not_found` (path `id`), naming the known ones.
 */
export async function requireService(app: AppContext, id: string): Promise<ServiceRecord> {
  const services = await app.engine.store.listServices();
  const service = services.find((item) => item.id === id);
  if (service) return service;
  const known = services.map((item) => item.id);
  throw new NotFoundError('service_not_found', `no service "${id}"${suggestion(id, known)}; known services: ${known.join(', ') || '(none yet)'}`, { path: 'id' });
}

async function serviceWithOfferings(app: AppContext, service: ServiceRecord): Promise<CatalogService> {
  const offerings = await Promise.all(offeringsOf(service).map((offering) => resolveOfferingForm(app.engine, offering)));
  return { id: service.id, title: service.title, description: service.description, offerings };
}
