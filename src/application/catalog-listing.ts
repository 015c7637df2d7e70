/** What requesters browse: services, their offerings and the forms to fill in. */
import { findOffering, offeringsOf, OfferingStatus } from '../catalog/offering.ts';
import { resolveOfferingForm, type OfferingForm } from '../catalog/offering-form.ts';
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
