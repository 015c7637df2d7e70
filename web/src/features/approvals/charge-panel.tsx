import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatAmount } from '../../../../src/expression/money.ts';
import { asApiError } from '../../api/api-error.ts';
import { STRIPE_CHARGE_ID } from '../../../../src/core/stripe-charge-id.ts';
import type { ApprovalCharge, ApprovalReview, FraudWarning } from '../../api/types.ts';
import { Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { chargeQuery } from './approvals-api.ts';
import { fraudWarningText } from './charge-risk.tsx';

/** Whether the task names a charge (or payment) the panel can fetch: as the target of a next action, or in its request's form (as the server looks). */
export function namesCharge(review: ApprovalReview): boolean {
  const isCharge = (value: unknown) => typeof value === 'string' && STRIPE_CHARGE_ID.test(value);
  return review.next_actions.some((next) => next.kind === 'action' && isCharge(next.target)) || (review.request?.fields.some((field) => isCharge(field.value)) ?? false);
}

/** The charge the task is about, fetched from Stripe when the panel opens. */
export function ChargePanel({ taskId }: { taskId: string }) {
  const [open, setOpen] = useState(false);
  const answer = useQuery({ ...chargeQuery(taskId), enabled: open });
  return (
    <details className="card charge-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>Charge details from Stripe</h2>
      </summary>
      {!open ? null : answer.isPending ? (
        <Loading label="Asking Stripe…" />
      ) : answer.isError ? (
        <p className="form-error" role="alert">
          {asApiError(answer.error).message}
        </p>
      ) : (
        <ChargeRows answer={answer.data} />
      )}
    </details>
  );
}

function ChargeRows({ answer }: { answer: ApprovalCharge }) {
  const { charge } = answer;
  return (
    <dl className="kv">
      {(
        [
          ['Charge', <code key="id">{charge.id}</code>],
          ['Amount', formatAmount(charge.amount, charge.currency)],
          ['Refunded so far', charge.amount_refunded === 0 ? 'Nothing' : formatAmount(charge.amount_refunded, charge.currency)],
          ['Status', `${charge.status ?? 'unknown'}${charge.refunded ? ', fully refunded' : ''}`],
          ['Created', formatDateTime(charge.created)],
          ['Customer', charge.billing_name ?? charge.customer ?? '—'],
          ['Receipt email', charge.receipt_email ?? '—'],
          ['Payment method', charge.payment_method ?? '—'],
          ['Description', charge.description ?? '—'],
          ['Payment intent', charge.payment_intent ?? '—'],
          ['Disputed', charge.disputed ? 'Yes: the refund step refuses it' : 'No'],
          ['Early fraud warnings', fraudWarningsText(answer.early_fraud_warnings, answer.early_fraud_warnings_error)],
        ] as [string, ReactNode][]
      ).map(([label, value]) => (
        <div className="kv-row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {charge.receipt_url !== null && (
        <div className="kv-row">
          <dt>Receipt</dt>
          <dd>
            <a href={charge.receipt_url} target="_blank" rel="noreferrer">
              Open the receipt
            </a>
          </dd>
        </div>
      )}
    </dl>
  );
}

function fraudWarningsText(warnings: FraudWarning[] | null, error: string | null): string {
  if (warnings === null) return `Could not be read: ${error ?? 'no reason given'}`;
  if (warnings.length === 0) return 'None';
  return warnings.map((warning) => `${fraudWarningText(warning)}${warning.actionable ? ', actionable' : ''}`).join('; ');
}
