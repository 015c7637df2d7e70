import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime, localTimeOf } from '../../ui/time.ts';
import { delegationsQuery } from './approvals-api.ts';

/** "Away? Delegate to …": who decides my tasks meanwhile, from when until when; my current delegations, each with End. */
export function DelegationPanel() {
  const queries = useQueryClient();
  const delegations = useQuery(delegationsQuery);
  // Closed until wanted, so a phone shows the tasks first; open while a delegation is current.
  const [wanted, setOpen] = useState(false);
  const open = wanted || (delegations.data?.length ?? 0) > 0;
  const [delegate, setDelegate] = useState('');
  const [from, setFrom] = useState(() => localTimeOf(new Date()));
  const [until, setUntil] = useState(() => localTimeOf(new Date(Date.now() + 7 * 86_400_000)));
  const create = useMutation({
    mutationFn: () => {
      const startsAt = new Date(from);
      const endsAt = new Date(until);
      return api('POST', '/approvals/delegations', {
        body: { delegate: delegate.trim(), starts_at: Number.isNaN(startsAt.getTime()) ? from : startsAt.toISOString(), ends_at: Number.isNaN(endsAt.getTime()) ? until : endsAt.toISOString() },
      });
    },
    onSuccess: async () => {
      setDelegate('');
      await queries.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
  const end = useMutation({
    mutationFn: (id: string) => api('POST', `/approvals/delegations/${encodeURIComponent(id)}/end`),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['approvals'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const error = create.isError ? asApiError(create.error) : undefined;
  const fieldError = (name: string) => error?.issueAt(name);
  const general = error && !['delegate', 'starts_at', 'ends_at'].some((name) => fieldError(name) !== undefined) ? error.message : undefined;
  return (
    <details className="card delegation-panel" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>Away? Delegate your approvals</h2>
      </summary>
      {delegations.isPending ? (
        <Loading label="Loading your delegations…" />
      ) : delegations.isError ? (
        <ErrorState error={delegations.error} retry={() => void delegations.refetch()} />
      ) : delegations.data.length > 0 ? (
        <ul className="delegation-list" aria-label="Your delegations">
          {delegations.data.map((one) => (
            <li key={one.id}>
              <span>
                <strong>{one.delegate}</strong> decides for you {one.state === 'active' ? 'now, ' : ''}from {formatDateTime(one.starts_at)} until {formatDateTime(one.ends_at)}
              </span>
              <button type="button" className="button" onClick={() => end.mutate(one.id)} disabled={end.isPending} aria-label={`End the delegation to ${one.delegate}`}>
                End
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody decides for you while you are away.</p>
      )}
      {end.isError && (
        <p className="form-error" role="alert">
          {asApiError(end.error).message}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="delegate-email">Delegate to</label>
          <input id="delegate-email" type="email" autoComplete="email" placeholder="colleague@example.com" value={delegate} onChange={(event) => setDelegate(event.target.value)} aria-invalid={fieldError('delegate') !== undefined} aria-describedby="delegate-error" required />
          {fieldError('delegate') !== undefined && <p id="delegate-error" className="field-error">{fieldError('delegate')}</p>}
        </div>
        <div className="delegation-dates">
          <div className="field">
            <label htmlFor="delegate-from">From</label>
            <input id="delegate-from" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} aria-invalid={fieldError('starts_at') !== undefined} />
            {fieldError('starts_at') !== undefined && <p className="field-error">{fieldError('starts_at')}</p>}
          </div>
          <div className="field">
            <label htmlFor="delegate-until">Until</label>
            <input id="delegate-until" type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} aria-invalid={fieldError('ends_at') !== undefined} />
            {fieldError('ends_at') !== undefined && <p className="field-error">{fieldError('ends_at')}</p>}
          </div>
        </div>
        {general !== undefined && (
          <p className="form-error" role="alert">
            {general}
          </p>
        )}
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Delegate'}
        </button>
      </form>
    </details>
  );
}
