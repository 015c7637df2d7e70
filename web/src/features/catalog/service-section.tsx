import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { CatalogResponse, CatalogService } from '../../api/types.ts';
import { offeringRef } from './catalog-queries.ts';
import { ServiceForm } from './service-form.tsx';

export interface ServiceSectionProps {
  /** The service as requesters see it: the offerings that take requests now; undefined when none does. */
  shown: CatalogService | undefined;
  /** The service with every offering, for an editor; undefined for everyone else. */
  full: CatalogService | undefined;
  catalog: CatalogResponse;
}

/** A service of the catalog: its offerings as cards that open their forms, and for an editor, Edit (the service and its offerings in place). */
export function ServiceSection({ shown, full, catalog }: ServiceSectionProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Closing the editor (saved or cancelled) hands the focus back to Edit, where it was: once Edit is back on
  // the page (a commit that may come after the next frame when the close follows a save's answer).
  const focusEdit = useRef(false);
  const close = () => {
    focusEdit.current = true;
    setEditing(false);
  };
  useEffect(() => {
    if (!focusEdit.current || editButton.current === null) return;
    focusEdit.current = false;
    editButton.current.focus();
  });
  const service = full ?? shown;
  if (service === undefined) return null;
  const headingId = `service-${service.id}`;
  return (
    <section className={editing ? 'catalog-service card' : 'catalog-service'} aria-labelledby={headingId} data-service={service.id}>
      <div className="row catalog-service-head">
        <h2 id={headingId}>{editing ? `Change ${service.title}` : service.title}</h2>
        {full !== undefined && !editing && (
          <button type="button" className="button subtle" ref={editButton} onClick={() => setEditing(true)}>
            Edit<span className="visually-hidden"> {service.title}</span>
          </button>
        )}
      </div>
      {editing && full !== undefined ? (
        <ServiceForm service={full} onClose={close} />
      ) : (
        <>
          {service.description !== null && <p className="muted catalog-service-description">{service.description}</p>}
          {shown === undefined ? (
            <p className="notice">{full === undefined ? 'Requesters do not see this service.' : whyHidden(full)}</p>
          ) : (
            <ul className="offering-cards">
              {shown.offerings.map((offering) => (
                <li key={offering.id} className="card offering-card">
                  <h3>
                    <Link to="/catalog/$offeringId" params={{ offeringId: offeringRef(catalog, service.id, offering.id) }}>
                      {offering.title}
                    </Link>
                  </h3>
                  {offering.description !== null && <p className="muted">{offering.description}</p>}
                  <p className="offering-card-meta">{offering.form.length === 1 ? '1 field' : `${offering.form.length} fields`}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Why requesters do not see a service: it has no offering, or none takes requests now (a sentence for each). */
function whyHidden(service: CatalogService): string {
  if (service.offerings.length === 0) return 'Requesters do not see this service: it has no offering yet. Edit adds one.';
  const reasons = service.offerings.map((offering) => `${offering.title}: ${offering.unavailable_reason?.message ?? 'unavailable'}.`);
  return ['Requesters do not see this service: none of its offerings takes requests now.', ...reasons].join(' ');
}
