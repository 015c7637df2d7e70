import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { catalogQuery } from '../../api/catalog-reads.ts';
import { servicesQuery } from './catalog-queries.ts';
import { ServiceForm } from './service-form.tsx';
import { ServiceSection } from './service-section.tsx';

/**
 * Services and their offerings, as cards that open the offering's form. Editors also make services, and
 * change one and its offerings in place (each applies the service's definition); they see the services
 * requesters do not (no offering takes requests) after the others.
 */
export function CatalogPage() {
  const me = useMe();
  const editable = can(me, 'definitions.apply');
  const catalog = useQuery(catalogQuery);
  const services = useQuery({ ...servicesQuery, enabled: editable });
  const [creating, setCreating] = useState(false);
  const loading = catalog.isPending || (editable && services.isPending);
  const failed = catalog.error ?? (editable ? services.error : null);
  return (
    <>
      <PageHeader
        title="Catalog"
        subtitle="Ask for something: pick an offering and fill in its form."
        actions={
          editable && !creating ? (
            <button type="button" className="button primary" onClick={() => setCreating(true)}>
              New service
            </button>
          ) : undefined
        }
      />
      {creating && (
        <section className="card catalog-new-service" aria-labelledby="new-service-title">
          <h2 id="new-service-title">New service</h2>
          <ServiceForm onClose={() => setCreating(false)} />
        </section>
      )}
      {loading ? (
        <Loading />
      ) : failed !== null || catalog.data === undefined ? (
        <ErrorState error={failed} retry={() => void Promise.all([catalog.refetch(), services.refetch()])} />
      ) : (
        <div className="stack">
          {catalog.data.services.length === 0 && (
            <Empty title="No offerings take requests yet.">{editable ? 'Make a service with New service, and give it an offering.' : 'An editor publishes services and offerings.'}</Empty>
          )}
          {catalog.data.services.map((service) => (
            <ServiceSection key={service.id} shown={service} full={services.data?.services.find((item) => item.id === service.id)} catalog={catalog.data} />
          ))}
          {(services.data?.services ?? [])
            .filter((service) => !catalog.data.services.some((shown) => shown.id === service.id))
            .map((service) => (
              <ServiceSection key={service.id} shown={undefined} full={service} catalog={catalog.data} />
            ))}
        </div>
      )}
    </>
  );
}
