import { JsonView } from '../../../ui/json-view.tsx';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { stepMoney } from './effect-words.ts';
import type { Effect, PreviewStep } from './simulation-types.ts';

const EFFECT_WORDS: Record<PreviewStep['effect'], string | null> = {
  none: null,
  simulated: 'Simulated',
  live_read: 'Live read from Stripe',
  sandbox: 'Ran in the sandbox',
};

const OUTPUT_TITLES: Record<PreviewStep['effect'], string> = {
  none: 'Output',
  simulated: 'Simulated output',
  live_read: 'Output (read from Stripe)',
  sandbox: 'Output (from the sandbox)',
};

/**
 * One step of a previewed run: what it would send (the email as written, the request as it would
 * reach Stripe), the money it would move, and what it answered or why it failed.
 */
export function PreviewStepView({ step, effects }: { step: PreviewStep; effects: Effect[] }) {
  const effectWords = EFFECT_WORDS[step.effect];
  const label = effects.find((effect) => effect.operation === step.uses)?.label ?? 'would move';
  return (
    <li className={`timeline-step state-${step.status}`}>
      <div className="timeline-head">
        <h3>
          {step.step} <span className="step-id muted mono">{step.uses ?? step.type}</span>
        </h3>
        <span className="row">
          {effectWords !== null && <span className={`badge ${step.effect === 'sandbox' ? 'warn' : 'info'}`}>{effectWords}</span>}
          <StatusBadge status={step.status} />
        </span>
      </div>
      {step.path !== step.step && <p className="small muted mono">{step.path}</p>}
      {step.money !== null && <p className="next-action-summary money preview-money">{stepMoney(label, step.money)}</p>}
      {step.error !== null && (
        <p className="step-error">
          {step.error.message} <code>{step.error.code}</code>
        </p>
      )}
      {step.email !== null && <EmailView email={step.email} />}
      {(present(step.input) || present(step.output)) && (
        <div className="attempt-values">
          {present(step.input) && (
            <div>
              <h4>{step.uses === null ? 'Input' : 'Request as it would be sent'}</h4>
              <JsonView value={step.input} label={`Input of ${step.step}`} />
            </div>
          )}
          {present(step.output) && (
            <div>
              <h4>{OUTPUT_TITLES[step.effect]}</h4>
              <JsonView value={step.output} label={`Output of ${step.step}`} />
            </div>
          )}
        </div>
      )}
    </li>
  );
}

function EmailView({ email }: { email: NonNullable<PreviewStep['email']> }) {
  return (
    <section className="preview-email" aria-label={`Email as it would be sent: ${email.subject}`}>
      <dl className="kv">
        <dt>To</dt>
        <dd>{email.to.join(', ') || '—'}</dd>
        {email.cc.length > 0 && (
          <>
            <dt>Cc</dt>
            <dd>{email.cc.join(', ')}</dd>
          </>
        )}
        <dt>Subject</dt>
        <dd>
          <strong>{email.subject}</strong>
        </dd>
      </dl>
      <pre className="email-text" tabIndex={0}>
        {email.text}
      </pre>
    </section>
  );
}

/** A decision's input or an end's output is empty: nothing worth a box. */
function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}
