import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { catalogQuery, offeringRef } from './catalog-queries.ts';

/** Services and their offerings, as cards that open the offering's form. */
export function CatalogPage() {
  const catalog = useQuery(catalogQuery);
  return (
    <>
      <PageHeader title="Catalog" subtitle="Ask for something: pick an offering and fill in its form." />
      {catalog.isPending ? (
        <Loading />
      ) : catalog.isError ? (
        <ErrorState error={catalog.error} retry={() => void catalog.refetch()} />
      ) : catalog.data.services.length === 0 ? (
        <Empty title="No offerings take requests yet.">An editor publishes services and offerings with `tollgate apply`.</Empty>
      ) : (
        <div className="stack">
          {catalog.data.services.map((service) => (
            <section key={service.id} className="catalog-service" aria-labelledby={`service-${service.id}`}>
              <h2 id={`service-${service.id}`}>{service.title}</h2>
              {service.description !== null && <p className="muted catalog-service-description">{service.description}</p>}
              <ul className="offering-cards">
                {service.offerings.map((offering) => (
                  <li key={offering.id} className="card offering-card">
                    <h3>
                      <Link to="/catalog/$offeringId" params={{ offeringId: offeringRef(catalog.data, service.id, offering.id) }}>
                        {offering.title}
                      </Link>
                    </h3>
                    {offering.description !== null && <p className="muted">{offering.description}</p>}
                    <p className="offering-card-meta">{offering.form.length === 1 ? '1 field' : `${offering.form.length} fields`}</p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
