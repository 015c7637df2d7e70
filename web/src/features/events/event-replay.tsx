import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { EventReplayAnswer } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';

type ReplayResult = EventReplayAnswer['results'][number];

/**
 * Match a stored event again against today's workflows: new runs only where none ran (a
 * workflow published later, a condition since fixed), or, after a confirm, a deliberate new
 * run everywhere, with new idempotency keys. Shown to people who may operate runs.
 */
export function EventReplay({ eventId }: { eventId: string }) {
  const me = useMe();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const replay = useMutation({
    mutationFn: (force: boolean) => api<EventReplayAnswer>('POST', `/events/${encodeURIComponent(eventId)}/replay`, { body: { force }, idempotencyKey: key }),
    onSuccess: async () => {
      setKey(newIdempotencyKey());
      setConfirming(false);
      await queries.invalidateQueries({ queryKey: ['events'] });
    },
  });
  if (!can(me, 'runs.operate')) return null;
  return (
    <section className="card" aria-labelledby="replay-title">
      <h2 id="replay-title">Replay</h2>
      <p className="muted">Match this event again against the workflows as they are now, e.g. after publishing a workflow or fixing its condition.</p>
      <div className="actions">
        <button type="button" className="button" disabled={replay.isPending} onClick={() => replay.mutate(false)}>
          {replay.isPending && !confirming ? 'Replaying…' : 'Replay where no run started'}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            replay.reset();
            setConfirming(true);
          }}
        >
          Start again everywhere…
        </button>
      </div>
      {replay.isError && !confirming && (
        <p className="form-error" role="alert">
          Replay failed: {asApiError(replay.error).message}
        </p>
      )}
      {replay.data !== undefined && (
        <ul className="replay-results" aria-label="What the replay did">
          {replay.data.results.length === 0 && <li>No workflow listens to this event type now.</li>}
          {replay.data.results.map((result) => (
            <li key={result.workflow}>
              <strong>{result.workflow_title}</strong>: <ResultWords result={result} />
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={confirming}
        title="Start every matching workflow again?"
        description="Each workflow the event matches starts a new run, even where one ran already. The new runs use new idempotency keys: a refund or any other money movement they make happens again."
        confirmLabel="Yes, start new runs"
        pendingLabel="Starting…"
        tone="danger"
        pending={replay.isPending}
        error={replay.error}
        onConfirm={() => replay.mutate(true)}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}

function ResultWords({ result }: { result: ReplayResult }) {
  switch (result.result) {
    case 'started':
      return (
        <>
          started <RunLink id={result.run} /> (replay {result.generation})
        </>
      );
    case 'already_ran':
      return (
        <>
          already ran ({result.runs.map((run, index) => (
            <span key={run}>
              {index > 0 && ', '}
              <RunLink id={run} />
            </span>
          ))}); nothing started
        </>
      );
    case 'not_started':
      return <>not started: {result.reason.replaceAll('_', ' ')}</>;
    default: {
      const unknown: never = result;
      return <>{JSON.stringify(unknown)}</>;
    }
  }
}

function RunLink({ id }: { id: string }) {
  return (
    <Link to="/runs/$id" params={{ id }} className="mono">
      {id}
    </Link>
  );
}
