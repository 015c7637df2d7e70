import { JsonView } from '../../../ui/json-view.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { EffectList } from './effect-list.tsx';
import { PreviewStepView } from './preview-step.tsx';
import type { Preview } from './simulation-types.ts';

/**
 * What a preview found: the event it ran on, whether the trigger's condition held (and which
 * condition, when it did not), how the run would end, what it would do to money and mail, and
 * each step in the order it ran. Used by the preview panel and the backtest drill-down.
 */
export function PreviewResult({ preview, condition }: { preview: Preview; condition: string | null }) {
  const { event, run } = preview;
  return (
    <div className="preview-result stack">
      {event !== null && (
        <details className="preview-event">
          <summary>
            {event.sample ? (
              <>
                A sample <span className="mono">{event.type}</span> event, generated for the trigger
              </>
            ) : event.id === null ? (
              <>
                The <span className="mono">{event.type}</span> event you gave
              </>
            ) : (
              <>
                Event <span className="mono">{event.id}</span> · <span className="mono">{event.type}</span>
              </>
            )}
          </summary>
          <JsonView value={event.object} label="The event's object" openDepth={1} />
        </details>
      )}
      {!preview.matched ? (
        <div className="notice preview-unmatched" role="status">
          <strong>No run would start:</strong> the trigger's condition is false for this event.
          {condition !== null && (
            <>
              {' '}
              Condition: <code>{condition}</code>
            </>
          )}
        </div>
      ) : run === null ? (
        <p className="muted">The trigger matched, but no run was simulated.</p>
      ) : (
        <>
          <div className="preview-outcome row" role="status">
            <span>A run would start and end</span>
            <StatusBadge status={run.status} />
            {run.outcome !== null && (
              <span>
                with outcome <strong>{run.outcome}</strong>
              </span>
            )}
          </div>
          {run.error !== null && (
            <p className="step-error">
              {run.error.step !== null && <span className="mono">{run.error.step}: </span>}
              {run.error.message} <code>{run.error.code}</code>
            </p>
          )}
          <EffectList effects={run.effects} />
          <ol className="timeline preview-steps" aria-label="Steps, in the order they ran">
            {run.steps.map((step) => (
              <PreviewStepView key={step.path} step={step} effects={run.effects} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
