import { useQuery } from '@tanstack/react-query';
import type { Offering } from '../../api/types.ts';
import { catalogQuery } from '../../api/catalog-reads.ts';

/**
 * An offering by service and id, from the catalog (for its title and form fields); undefined
 * while the catalog loads or when the offering no longer takes requests.
 */
export function useOfferingLookup(): (service: string, offering: string) => Offering | undefined {
  const catalog = useQuery(catalogQuery);
  return (service, offering) => catalog.data?.services.find((candidate) => candidate.id === service)?.offerings.find((candidate) => candidate.id === offering);
}
