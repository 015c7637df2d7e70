import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { StripeObjectField } from '../../ui/stripe-object/stripe-object-field.tsx';
import { objectIdProblem } from '../../ui/stripe-object/stripe-object-id.ts';

/**
 * The events list's search by Stripe object: the id is checked in the browser, then kept in the page's
 * URL (`/events?object=ch_…`) beside the other filters, so a search is a link. `refusal`: the server's answer to an id in the URL.
 */
export function ObjectSearch({ object, refusal }: { object: string | undefined; refusal: string | undefined }) {
  const navigate = useNavigate({ from: '/events' });
  const [draft, setDraft] = useState(object ?? '');
  const [problem, setProblem] = useState<string>();
  // A link that filters (an id in the table) changes the URL: the field follows it.
  useEffect(() => {
    setDraft(object ?? '');
    setProblem(undefined);
  }, [object]);
  const submit = (submitted: FormEvent) => {
    submitted.preventDefault();
    const id = draft.trim();
    const found = id === '' ? undefined : objectIdProblem(id);
    setProblem(found);
    if (found === undefined) void navigate({ search: (previous) => ({ ...previous, object: id === '' ? undefined : id }) });
  };
  return (
    <form className="object-search" role="search" aria-label="Search events" onSubmit={submit} noValidate>
      <StripeObjectField
        id="object-search"
        value={draft}
        onChange={setDraft}
        hint="Also finds what belongs to it: a customer's payments, a payment's charges and disputes, a charge's refunds and fraud warnings."
        error={problem ?? refusal}
        actions={
          <>
            <button type="submit" className="button primary">
              Search
            </button>
            {object !== undefined && (
              <button type="button" className="button subtle" onClick={() => void navigate({ search: (previous) => ({ ...previous, object: undefined }) })}>
                Show all
              </button>
            )}
          </>
        }
      />
    </form>
  );
}
