/** Reads of the catalog that several features show: its services and offerings (the catalog, the requests filters, saved views). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client.ts';
import type { CatalogResponse } from './types.ts';

/** Services and the offerings that take requests now. */
export const catalogQuery = queryOptions({
  queryKey: ['catalog'],
  queryFn: () => api<CatalogResponse>('GET', '/catalog'),
  staleTime: 60_000,
});

/** A service's name for people: its title ("Customer Success"); its id until the catalog arrives, or when it offers nothing now. */
export function useServiceName(): (id: string) => string {
  const services = useQuery(catalogQuery).data?.services;
  return (id) => services?.find((service) => service.id === id)?.title ?? id;
}

/**
 * An offering's name for people, from its id and its service's (an offering's id is unique within its service):
 * its title ("Refund request"). Without a service it means that offering in any service: the title every such
 * offering has, and "(any service)". Its id until the catalog arrives, or when no service offers it now.
 * @example
 * const offeringName = useOfferingName();
 * offeringName('refund-request', 'customer-success'); // 'Refund request'
 * offeringName('refund-request', undefined); // 'Refund request (any service)'
 */
export function useOfferingName(): (id: string, service: string | undefined) => string {
  const services = useQuery(catalogQuery).data?.services;
  return (id, service) => {
    const titles = new Set((services ?? []).filter((candidate) => service === undefined || candidate.id === service).flatMap((candidate) => candidate.offerings.filter((offering) => offering.id === id).map((offering) => offering.title)));
    const [title] = titles;
    const named = titles.size === 1 && title !== undefined ? title : id;
    return service === undefined ? `${named} (any service)` : named;
  };
}
