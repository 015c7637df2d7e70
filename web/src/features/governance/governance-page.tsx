import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import type { PolicyList } from './governance-types.ts';
import { PolicyCards } from './policy-cards.tsx';
import { ReservationLedger } from './reservation-ledger.tsx';

/** Money rules: the global policies every money step follows, and the refund reservation ledger. */
export function GovernancePage() {
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api<PolicyList>('GET', '/policies') });
  return (
    <>
      <PageHeader title="Money rules" subtitle="The global policies every refund and credit note follows, and the ledger of what was reserved, settled and released." />
      <section className="governance-section" aria-labelledby="policies-title">
        <h2 id="policies-title">Global policies</h2>
        <p className="muted">
          A workflow&apos;s own <code>policy</code> block adds to these: its caps count as well, and its on/off settings override them for that workflow.
        </p>
        {policies.isPending ? <Loading label="Loading the policies…" /> : policies.isError ? <ErrorState error={policies.error} retry={() => void policies.refetch()} /> : <PolicyCards policies={policies.data.policies} />}
      </section>
      <section className="governance-section" aria-labelledby="ledger-title">
        <h2 id="ledger-title">Refund reservations</h2>
        <ReservationLedger />
      </section>
    </>
  );
}
