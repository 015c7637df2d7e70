/**
 * Offerings as the catalog sees them: read from the `Service` documents the
 * store holds, and found by `offering` or `service/offering`.
 */
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { suggestion } from '../definition/did-you-mean.ts';
import type { ServiceRecord } from '../store/records.ts';

export const OfferingStatus = { draft: 'draft', published: 'published' } as const;
export type OfferingStatus = (typeof OfferingStatus)[keyof typeof OfferingStatus];

/** An offering of a service: it binds its workflow's form to that workflow, pinned to a version or `latest`. */
export interface Offering {
  id: string;
  serviceId: string;
  serviceTitle: string;
  title: string;
  description: string | null;
  workflowId: string;
  /** A pinned version, or `latest`: the workflow's active version when the request is submitted. */
  version: number | 'latest';
  status: OfferingStatus;
}

// The same defaults as the Service document schema: stored documents were validated by it.
const storedOffering = z.object({
  id: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  workflow: z.string(),
  version: z.union([z.number().int().min(1), z.literal('latest')]).default('latest'),
  status: z.enum(['draft', 'published']).default('published'),
});

/** The offerings of one stored service, in document order. Entries that do not parse are skipped. */
export function offeringsOf(service: ServiceRecord): Offering[] {
  return service.offerings.flatMap((raw) => {
    const parsed = storedOffering.safeParse(raw);
    if (!parsed.success) return [];
    const offering = parsed.data;
    return [
      {
        id: offering.id,
        serviceId: service.id,
        serviceTitle: service.title,
        title: offering.title ?? offering.id,
        description: offering.description ?? null,
        workflowId: offering.workflow,
        version: offering.version,
        status: offering.status,
      },
    ];
  });
}

/**
 * The offering named by `reference`: `service/offering`, or a bare offering id
 * when only one service has an offering with that id.
 * @throws NotFoundError `offering_not_found`; ConflictError `offering_ambiguous` when several services use the bare id.
 */
export function findOffering(services: readonly ServiceRecord[], reference: string): Offering {
  const all = services.flatMap(offeringsOf);
  const slash = reference.indexOf('/');
  const matches =
    slash < 0
      ? all.filter((offering) => offering.id === reference)
      : all.filter((offering) => offering.serviceId === reference.slice(0, slash) && offering.id === reference.slice(slash + 1));
  const [only] = matches;
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length > 1) {
    const qualified = matches.map((offering) => `${offering.serviceId}/${offering.id}`).join(', ');
    throw new ConflictError('offering_ambiguous', `several services have an offering "${reference}" (${qualified}); name it as service/offering`, { path: 'offering' });
  }
  const known = all.flatMap((offering) => [offering.id, `${offering.serviceId}/${offering.id}`]);
  throw new NotFoundError(
    'offering_not_found',
    `no offering "${reference}"${suggestion(reference, known)}; list the catalog with GET /api/v1/catalog or \`tollgate requests submit --help\``,
    { path: 'offering' },
  );
}
