import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { REQUEST_STATUSES } from '../../../../src/core/statuses.ts';
import { catalogQuery } from '../../api/catalog-reads.ts';
import { requestsNarrowed, type RequestSearch } from './request-search.ts';
import { StatusSelect } from '../../ui/status-select.tsx';
import { TimeWindowFields } from '../../ui/time-window-fields.tsx';

/** Keeps the filters that are set: an empty choice leaves the URL. */
function dropEmpty(search: Record<string, string | undefined>): RequestSearch {
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined && value !== ''));
}

/**
 * The requests list's filters, kept in the page's URL: whose requests (for those who may read everyone's),
 * status, service, offering and when they were submitted. Each applies at once. An offering is chosen within
 * its service; with no service chosen, the offerings of every service are offered, by service.
 * `rangeProblem`: why the custom times cannot both hold.
 */
export function RequestFilters({ search, canSeeAll, rangeProblem }: { search: RequestSearch; canSeeAll: boolean; rangeProblem: string | undefined }) {
  const navigate = useNavigate({ from: '/requests' });
  const catalog = useQuery(catalogQuery);
  const set = (next: Partial<RequestSearch>) => void navigate({ search: (previous) => dropEmpty({ ...previous, ...next }) });
  const services = catalog.data?.services ?? [];
  const shownServices = search.service === undefined ? services : services.filter((service) => service.id === search.service);
  // A service or an offering in the URL the catalog no longer offers (withdrawn) is still shown as the choice.
  const unknownService = search.service !== undefined && !services.some((service) => service.id === search.service) ? search.service : undefined;
  const offeringValue = search.offering === undefined ? '' : `${search.service ?? ''}/${search.offering}`;
  // An offering without a service (a hand-made link) means that offering id in any service.
  const offeringListed = search.service !== undefined && shownServices.some((service) => service.offerings.some((offering) => offering.id === search.offering));
  return (
    <form className="filters filter-grid" aria-label="Filter requests" onSubmit={(submitted) => submitted.preventDefault()}>
      {canSeeAll && (
        <div className="field">
          <span id="request-view-label">Whose</span>
          <div className="segmented" role="radiogroup" aria-labelledby="request-view-label">
            {[
              { view: undefined, label: 'Mine' },
              { view: 'all' as const, label: 'Everyone’s' },
            ].map(({ view, label }) => (
              <label key={label} className={search.view === view ? 'segment active' : 'segment'}>
                <input type="radio" name="request-view" checked={search.view === view} onChange={() => set({ view })} />
                {label}
              </label>
            ))}
          </div>
        </div>
      )}
      <StatusSelect statuses={REQUEST_STATUSES} value={search.status} onChange={(status) => set({ status })} />
      <label className="field">
        <span>Service</span>
        <select
          value={search.service ?? ''}
          onChange={(changed) => {
            const service = changed.target.value || undefined;
            // The offering stays only if the new service has one with its id.
            const keeps = service === undefined || services.find((item) => item.id === service)?.offerings.some((offering) => offering.id === search.offering) === true;
            set({ service, offering: keeps ? search.offering : undefined });
          }}
        >
          <option value="">All services</option>
          {unknownService !== undefined && <option value={unknownService}>{unknownService}</option>}
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Offering</span>
        <select
          value={offeringValue}
          onChange={(changed) => {
            const [service, offering] = changed.target.value.split('/');
            set(offering === undefined ? { offering: undefined } : { service: service === '' ? undefined : service, offering });
          }}
        >
          <option value="">All offerings</option>
          {search.offering !== undefined && !offeringListed && (
            <option value={offeringValue}>
              {search.offering}
              {search.service === undefined ? ' (any service)' : ''}
            </option>
          )}
          {shownServices.map((service) => (
            <optgroup key={service.id} label={service.title}>
              {service.offerings.map((offering) => (
                <option key={offering.id} value={`${service.id}/${offering.id}`}>
                  {offering.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <TimeWindowFields id="requests-submitted" label="Submitted" fromLabel="Submitted from" toLabel="Submitted before" value={search} onChange={set} rangeProblem={rangeProblem} />
      {requestsNarrowed(search) && (
        <div className="field filter-buttons">
          {/* An empty label's room: the button lines up with the inputs, whether or not a field below shows an error. */}
          <span aria-hidden="true">&nbsp;</span>
          <button type="button" className="button subtle" onClick={() => set({ status: undefined, service: undefined, offering: undefined, within: undefined, from: undefined, to: undefined })}>
            Clear filters
          </button>
        </div>
      )}
    </form>
  );
}
