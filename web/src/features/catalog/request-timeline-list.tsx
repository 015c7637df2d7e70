import type { ReactNode } from 'react';
import type { CatalogRequest, TimelineEntry } from '../../api/types.ts';
import { formatDateTime, formatRelative } from '../../ui/time.ts';

type Person = { email: string; name: string | null };

/**
 * What happened to a request, oldest first, in sentences. `status` is the request's: a run that ended after an
 * approval said no closed it `rejected`, and its end reads as one (red), not as a success.
 */
export function RequestTimelineList({ entries, status }: { entries: readonly TimelineEntry[]; status: CatalogRequest['status'] }) {
  return (
    <ol className="timeline">
      {entries.map((entry, index) => {
        const { tone, body } = describe(entry, status);
        return (
          <li key={`${entry.kind}-${entry.at}-${index}`} className={`timeline-entry ${tone}`}>
            <span className="timeline-dot" aria-hidden="true" />
            <div className="timeline-body">
              {body}
              <time className="timeline-time" dateTime={entry.at} title={formatRelative(entry.at)}>
                {formatDateTime(entry.at)}
              </time>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function describe(entry: TimelineEntry, status: CatalogRequest['status']): { tone: string; body: ReactNode } {
  switch (entry.kind) {
    case 'submitted':
      return { tone: 'info', body: <p className="timeline-title">Submitted by {who(entry.by)}</p> };
    case 'approval_waiting':
      return {
        tone: 'warn',
        body: (
          <>
            <p className="timeline-title">
              {entry.title}: waiting for {entry.team === null ? 'the approvers' : entry.team.title}
            </p>
            {entry.due_at !== null && <p className="muted">Decision due {formatRelative(entry.due_at)}</p>}
          </>
        ),
      };
    case 'approval_decided':
      return {
        tone: entry.decision === 'approved' ? 'good' : 'bad',
        body: (
          <>
            <p className="timeline-title">
              {entry.title}: {entry.decision} by {who(entry.by)}
              {entry.on_behalf_of !== null && <> for {who(entry.on_behalf_of)}</>}
            </p>
            {entry.comment !== null && entry.comment !== '' && (
              <blockquote className="timeline-comment">
                <span className="visually-hidden">{entry.decision === 'rejected' ? 'Reason: ' : 'Comment: '}</span>
                {entry.comment}
              </blockquote>
            )}
          </>
        ),
      };
    case 'approval_timed_out':
      return { tone: 'bad', body: <p className="timeline-title">{entry.title}: no decision in time</p> };
    case 'action':
      return {
        tone: entry.status === 'succeeded' ? 'good' : entry.status === 'failed' ? 'bad' : 'info',
        body: (
          <>
            <p className="timeline-title">
              {entry.title}: {ACTION_STATUS[entry.status]}
            </p>
            {entry.reference !== null && (
              <p>
                Reference <code className="reference">{entry.reference}</code>
              </p>
            )}
            {entry.error !== null && <p className="field-error">{entry.error}</p>}
          </>
        ),
      };
    case 'message':
      return {
        tone: 'info',
        body: (
          <>
            <p className="timeline-title">
              {entry.title}: message sent{entry.to === null ? '' : ` to ${entry.to}`}
            </p>
            {entry.subject !== null && <p className="muted">“{entry.subject}”</p>}
          </>
        ),
      };
    case 'ended':
      return describeEnd(entry, status);
    default: {
      const unknownEntry: never = entry;
      return { tone: 'muted', body: <p>{JSON.stringify(unknownEntry)}</p> };
    }
  }
}

/** How the run ended: done (green), or ended after a rejection, failed (red), or cancelled (grey). */
function describeEnd(entry: Extract<TimelineEntry, { kind: 'ended' }>, status: CatalogRequest['status']): { tone: string; body: ReactNode } {
  const outcome = entry.outcome === null ? '' : `: ${entry.outcome}`;
  const rejected = status === 'rejected';
  return {
    tone: entry.status === 'failed' || rejected ? 'bad' : entry.status === 'succeeded' ? 'good' : 'muted',
    body: (
      <>
        <p className="timeline-title">{entry.status === 'cancelled' ? 'Cancelled' : entry.status === 'failed' ? 'Failed' : rejected ? `Ended${outcome}` : `Done${outcome}`}</p>
        {entry.error !== null && <p className="field-error">{entry.error}</p>}
      </>
    ),
  };
}

const ACTION_STATUS: Record<Extract<TimelineEntry, { kind: 'action' }>['status'], string> = {
  succeeded: 'done',
  failed: 'failed',
  retrying: 'failed for now, trying again',
  waiting: 'in progress',
  cancelled: 'stopped',
};

function who(person: Person): ReactNode {
  return person.name === null ? person.email : <span title={person.email}>{person.name}</span>;
}
