import type { StepAttempt } from '../../api/types.ts';
import { titleFromId } from '../../../../src/core/id-from-title.ts';
import { JsonView } from '../../ui/json-view.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { formatDateTime, formatDuration } from '../../ui/time.ts';
import { withoutEvent } from './event-once.ts';
import { isWake } from './run-path.ts';

interface StepVisit {
  key: string;
  stepPath: string;
  visit: number;
  attempts: StepAttempt[];
  /** `runs wake` rows: who ended this visit's wait early, and when. */
  wakes: StepAttempt[];
}

/** The journal grouped by step visit, in the order the run reached them. */
function visitsOf(attempts: readonly StepAttempt[]): StepVisit[] {
  const visits = new Map<string, StepVisit>();
  for (const attempt of attempts) {
    const key = `${attempt.step_path}#${attempt.visit}`;
    const visit = visits.get(key) ?? { key, stepPath: attempt.step_path, visit: attempt.visit, attempts: [], wakes: [] };
    if (isWake(attempt)) visit.wakes.push(attempt);
    else visit.attempts.push(attempt);
    visits.set(key, visit);
  }
  return [...visits.values()].filter((visit) => visit.attempts.length > 0);
}

/**
 * Every step the run reached, in order, by its title: each attempt's status, start, duration, rendered input,
 * output and error. Large values start folded; the triggering event is not repeated.
 */
export function StepTimeline({ attempts, event }: { attempts: readonly StepAttempt[]; event: unknown }) {
  const visits = visitsOf(attempts);
  if (visits.length === 0) return <p className="muted">No step has run yet.</p>;
  return (
    <ol className="timeline">
      {visits.map((visit) => {
        const last = visit.attempts.at(-1);
        if (last === undefined) return null;
        // The answer titles each step from the run's version: the heading is right from the first render, with no graph to wait for.
        const title = last.step_title ?? titleFromId(last.step_id);
        return (
          <li key={visit.key} className={`timeline-step state-${last.status}`} id={`step-${visit.key}`}>
            <div className="timeline-head">
              <h3>
                {title}
                {title !== last.step_id && <span className="muted mono step-id"> {last.step_id}</span>}
              </h3>
              <span className="row">
                <span className="muted">{last.step_type}</span>
                {visit.stepPath !== last.step_id && <span className="muted mono">{visit.stepPath}</span>}
                {visit.visit > 1 && <span className="muted">visit {visit.visit}</span>}
                <StatusBadge status={last.status} />
              </span>
            </div>
            {visit.wakes.map((wake) => (
              <WakeNote key={`wake-${wake.started_at}`} wake={wake} />
            ))}
            {visit.attempts.map((attempt) => (
              <AttemptView key={attempt.attempt} attempt={attempt} numbered={visit.attempts.length > 1} event={event} />
            ))}
          </li>
        );
      })}
    </ol>
  );
}

/** A wait ended early with `runs wake` (sandbox and test setups). */
function WakeNote({ wake }: { wake: StepAttempt }) {
  const by = (wake.output as { woken_by?: string | null } | null)?.woken_by;
  const due = (wake.input as { due_at?: string } | null)?.due_at;
  return (
    <p className="attempt-meta muted" role="note">
      Woken early{by ? ` by ${by}` : ''} on {formatDateTime(wake.started_at)}
      {due === undefined ? '' : `; it was due ${formatDateTime(due)}`}
    </p>
  );
}

function AttemptView({ attempt, numbered, event }: { attempt: StepAttempt; numbered: boolean; event: unknown }) {
  const hasInput = attempt.input !== null && attempt.input !== undefined && !(typeof attempt.input === 'object' && Object.keys(attempt.input).length === 0);
  const hasOutput = attempt.output !== null && attempt.output !== undefined;
  return (
    <div className="attempt">
      <p className="attempt-meta">
        {numbered && (
          <>
            <strong>Attempt {attempt.attempt}</strong> <StatusBadge status={attempt.status} />{' '}
          </>
        )}
        <span className="muted">
          Started {formatDateTime(attempt.started_at)} · {attempt.finished_at === null ? 'not finished' : `took ${formatDuration(attempt.duration_ms)}`}
        </span>
      </p>
      {attempt.error !== null && (
        <div className="step-error" role="note">
          <strong>{attempt.error.message}</strong> <code>{attempt.error.code}</code>
        </div>
      )}
      <div className="attempt-values">
        {hasInput && (
          <div>
            <h4>Input</h4>
            <JsonView value={withoutEvent(attempt.input, event)} label={`Input of ${attempt.step_id}, attempt ${attempt.attempt}`} />
          </div>
        )}
        {hasOutput && (
          <div>
            <h4>Output</h4>
            <JsonView value={withoutEvent(attempt.output, event)} label={`Output of ${attempt.step_id}, attempt ${attempt.attempt}`} />
          </div>
        )}
      </div>
    </div>
  );
}
