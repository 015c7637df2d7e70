import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { RequestDetailResponse } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { REQUESTS_LABEL } from '../../layout/nav-items.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { requestQuery, requestTimelineQuery } from './catalog-queries.ts';
import { formatFieldValue } from '../../ui/fields-form/field-value.ts';
import { RequestTimelineList } from './request-timeline-list.tsx';

/** A request: where it stands, what was asked, its run and the approvals it waits for, and what happened so far (refreshed while open). */
export function RequestDetailPage() {
  const me = useMe();
  const { id } = useParams({ from: '/app/requests/$id' });
  const detail = useQuery(requestQuery(id));
  return (
    <>
      <p className="back-link">
        <Link to="/requests">← {can(me, REQUESTS_LABEL.allPermission) ? REQUESTS_LABEL.all : REQUESTS_LABEL.own}</Link>
      </p>
      {detail.isPending ? <Loading /> : detail.isError ? <ErrorState error={detail.error} retry={() => void detail.refetch()} /> : <RequestDetail detail={detail.data} />}
    </>
  );
}

function RequestDetail({ detail }: { detail: RequestDetailResponse }) {
  const me = useMe();
  const { request } = detail;
  const open = request.status === 'open';
  const timeline = useQuery(requestTimelineQuery(request.id, request.status));
  const mine = me.user.email === request.requester;
  // The timeline names the requester ("Submitted by Rita Requester"); the request itself holds only their email.
  const submitted = timeline.data?.timeline.find((entry) => entry.kind === 'submitted');
  const requesterName = submitted?.kind === 'submitted' ? submitted.by.name : null;
  // The form it was submitted with names its values; the offering may have changed or gone since.
  const fields = detail.form;
  const keys = [...fields.map((field) => field.key).filter((key) => key in request.values), ...Object.keys(request.values).filter((key) => !fields.some((field) => field.key === key))];
  return (
    <>
      <PageHeader
        title={detail.offering_title ?? request.offering}
        subtitle={
          <>
            <StatusBadge status={request.status} />
            {request.outcome !== null && <span className="request-outcome">Outcome: {request.outcome}</span>}
            {open && <span className="muted"> · refreshing while it runs</span>}
          </>
        }
        actions={open ? <CancelRequest id={request.id} /> : undefined}
      />
      {detail.offering_title === null && (
        <p className="notice request-offering-gone">
          The offering “{request.offering}” is no longer in the catalog.{open ? ' This request goes on to its end all the same.' : ''}
        </p>
      )}
      <div className="grid grid-2 request-detail">
        <section className="card" aria-labelledby="request-about">
          <h2 id="request-about">Request</h2>
          <dl className="kv">
            <dt>Submitted</dt>
            <dd>{formatDateTime(request.created_at)}</dd>
            <dt>By</dt>
            <dd>
              {requesterName === null ? (
                request.requester
              ) : (
                <>
                  {requesterName} <span className="muted">{request.requester}</span>
                </>
              )}
            </dd>
            <dt>Outcome</dt>
            <dd>{request.outcome ?? '—'}</dd>
            {request.closed_at !== null && (
              <>
                <dt>Closed</dt>
                <dd>{formatDateTime(request.closed_at)}</dd>
              </>
            )}
            {can(me, 'runs.read') && (
              <>
                <dt>Run</dt>
                <dd>
                  <Link to="/runs/$id" params={{ id: request.run }}>
                    {detail.run.workflow_title}
                  </Link>{' '}
                  <span className="muted">version {detail.run.version}</span>
                </dd>
              </>
            )}
            {detail.pending_approvals.length > 0 && can(me, 'approvals.read') && (
              <>
                <dt>Waiting for</dt>
                <dd>
                  {detail.pending_approvals.map((task, index) => (
                    <span key={task.id}>
                      {index > 0 && ', '}
                      <Link to="/approvals/$id" params={{ id: task.id }}>
                        {task.title}
                      </Link>
                    </span>
                  ))}
                </dd>
              </>
            )}
            <dt>Reference</dt>
            <dd>
              <code>{request.id}</code>
            </dd>
          </dl>
          <h2 className="section-gap">{mine ? 'What you asked' : 'What was asked'}</h2>
          <dl className="kv">
            {keys.map((key) => {
              const field = fields.find((candidate) => candidate.key === key);
              return (
                <div key={key} className="kv-row">
                  <dt>{field?.label ?? key}</dt>
                  <dd className="preserve-lines">{formatFieldValue(field, request.values[key])}</dd>
                </div>
              );
            })}
          </dl>
        </section>
        <section className="card request-timeline" aria-labelledby="request-timeline">
          <h2 id="request-timeline">What happened</h2>
          {timeline.isPending ? <Loading /> : timeline.isError ? <ErrorState error={timeline.error} retry={() => void timeline.refetch()} /> : <RequestTimelineList entries={timeline.data.timeline} status={request.status} />}
        </section>
      </div>
    </>
  );
}

/** Cancel, after saying yes once more; the API's refusal (e.g. it closed meanwhile) shows right here. */
function CancelRequest({ id }: { id: string }) {
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  const cancel = useMutation({
    mutationFn: (key: string) => api<RequestDetailResponse>('POST', `/requests/${encodeURIComponent(id)}/cancel`, { idempotencyKey: key }),
    onSuccess: async (answer) => {
      queries.setQueryData(requestQuery(id).queryKey, answer);
      setConfirming(false);
      await queries.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        Cancel request
      </button>
    );
  }
  return (
    <div className="confirm-box" role="group" aria-label="Confirm cancelling">
      <span>Cancel this request? Its approvals stop and nothing more is done.</span>
      <div className="row">
        <button
          type="button"
          className="button danger"
          disabled={cancel.isPending}
          onClick={() => {
            idempotencyKey.current ??= newIdempotencyKey();
            cancel.mutate(idempotencyKey.current);
          }}
        >
          {cancel.isPending ? 'Cancelling…' : 'Yes, cancel it'}
        </button>
        <button type="button" className="button" onClick={() => setConfirming(false)} disabled={cancel.isPending}>
          Keep it
        </button>
      </div>
      {cancel.isError && (
        <p className="field-error" role="alert">
          {asApiError(cancel.error).message}
        </p>
      )}
    </div>
  );
}
