import { Link } from '@tanstack/react-router';
import type { EventMatch } from '../../api/types.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';

/** Why an event started no run for a workflow, in words. */
export function reasonWords(reason: string): string {
  if (reason === 'started') return 'Started a run';
  if (reason === 'condition_false') return 'Its condition was not met';
  if (reason === 'workflow_inactive') return 'The workflow is not active';
  const [code, ...rest] = reason.split(':');
  const detail = rest.join(':').trim();
  if (code === 'condition_error') return `Its condition could not be evaluated${detail === '' ? '' : `: ${detail}`}`;
  if (code === 'account_mismatch') return `The event came from an account the workflow does not listen to${detail === '' ? '' : ` (${detail})`}`;
  return reason.replaceAll('_', ' ');
}

/** A reason continuing a line after a dash: "— its condition was not met". */
function lowerFirst(words: string): string {
  return words.charAt(0).toLowerCase() + words.slice(1);
}

/** One workflow's answer to an event, the workflow named by the title the answer gives: the run it started (a link), or why none. */
export function MatchLine({ match, messages = false }: { match: EventMatch; messages?: boolean }) {
  return (
    <li className="match-line">
      <Link to="/workflows/$id" params={{ id: match.workflow }} className="match-workflow">
        {match.workflow_title}
      </Link>
      {match.run === null ? (
        <span className="muted"> — {lowerFirst(reasonWords(match.reason))}</span>
      ) : (
        <>
          {' → started '}
          <Link to="/runs/$id" params={{ id: match.run }} className="mono">
            {match.run}
          </Link>
          {match.generation > 0 && (
            <span className="muted">
              {' '}
              (replay {match.generation}
              {match.replayed_by === null ? '' : ` by ${match.replayed_by}`})
            </span>
          )}
          {messages && (
            <span className="match-messages small">
              Its messages:{' '}
              <Link to="/events/outbox" search={{ run: match.run }}>
                emails
              </Link>
              {' · '}
              <Link to="/events/webhooks" search={{ run: match.run }}>
                webhooks
              </Link>
            </span>
          )}
        </>
      )}
    </li>
  );
}

/** Every workflow's answer to an event, or that none listens. */
export function MatchList({ matches, type, messages = false }: { matches: EventMatch[]; type: string; messages?: boolean }) {
  if (matches.length === 0) return <span className="muted">No active workflow listens to <BreakableName text={type} />.</span>;
  return (
    <ul className="match-list">
      {matches.map((match) => (
        <MatchLine key={`${match.workflow}#${match.generation}`} match={match} messages={messages} />
      ))}
    </ul>
  );
}
