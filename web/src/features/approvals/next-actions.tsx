import type { ApprovalNextStep, ApprovalReview } from '../../api/types.ts';
import { assigneeName, useTeamName } from '../../api/team-names.ts';

/** What an approval leads to, as the server foresees it: the exact money-moving call first and foremost. */
export function NextActions({ review }: { review: ApprovalReview }) {
  const steps = review.next_actions;
  if (steps.length === 0) return null;
  return (
    <section className="card next-actions" aria-labelledby="next-title">
      <h2 id="next-title">If you approve</h2>
      <ol>
        {steps.map((step) => (
          <li key={step.step}>
            <NextStepLine step={step} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function NextStepLine({ step }: { step: ApprovalNextStep }) {
  const teamName = useTeamName();
  switch (step.kind) {
    case 'approval':
      return (
        <span>
          Then <strong>{step.title}</strong> ({assigneeName(step.assignee, teamName)}) decides.
        </span>
      );
    case 'action':
      return (
        <div>
          <p className={step.moves_money ? 'next-action-summary money' : 'next-action-summary'}>{step.summary}</p>
          <p className="muted small">
            Step “{step.title}” calls <code>{step.uses}</code>
            {step.connector === null ? '' : <> through {step.connector}</>}.
          </p>
          {step.input !== null && (
            <details className="exact-call">
              <summary>The exact call</summary>
              <dl className="kv">
                {Object.entries(step.input).map(([key, value]) => (
                  <div className="kv-row" key={key}>
                    <dt>
                      <code>{key}</code>
                    </dt>
                    <dd className="mono">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </div>
      );
    case 'end':
      return <span>The run ends{step.outcome === null ? '' : <>: {step.outcome}</>}.</span>;
    case 'unknown':
      return (
        <span>
          Then <strong>{step.title}</strong>: {step.reason}.
        </span>
      );
    default: {
      const unknown: never = step;
      return <span>{JSON.stringify(unknown)}</span>;
    }
  }
}
