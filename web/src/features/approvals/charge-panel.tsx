import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatAmount } from '../../../../src/expression/money.ts';
import { asApiError } from '../../api/api-error.ts';
import type { FraudWarning } from '../../api/types.ts';
import { Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { chargeQuery } from './approvals-api.ts';
import { fraudWarningText } from './charge-risk.tsx';

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
        <dl className="kv">
          {(
            [
            ['Charge', <code key="id">{answer.data.charge.id}</code>],
            ['Amount', formatAmount(answer.data.charge.amount, answer.data.charge.currency)],
            ['Refunded so far', answer.data.charge.amount_refunded === 0 ? 'Nothing' : formatAmount(answer.data.charge.amount_refunded, answer.data.charge.currency)],
            ['Status', `${answer.data.charge.status ?? 'unknown'}${answer.data.charge.refunded ? ', fully refunded' : ''}`],
            ['Created', formatDateTime(answer.data.charge.created)],
            ['Customer', answer.data.charge.billing_name ?? answer.data.charge.customer ?? '—'],
            ['Receipt email', answer.data.charge.receipt_email ?? '—'],
            ['Payment method', answer.data.charge.payment_method ?? '—'],
            ['Description', answer.data.charge.description ?? '—'],
            ['Payment intent', answer.data.charge.payment_intent ?? '—'],
            ['Disputed', answer.data.charge.disputed ? 'Yes: the refund step refuses it' : 'No'],
            ['Early fraud warnings', fraudWarningsText(answer.data.early_fraud_warnings, answer.data.early_fraud_warnings_error)],
            ] as [string, ReactNode][]
          ).map(([label, value]) => (
            <div className="kv-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {answer.data.charge.receipt_url !== null && (
            <div className="kv-row">
              <dt>Receipt</dt>
              <dd>
                <a href={answer.data.charge.receipt_url} target="_blank" rel="noreferrer">
                  Open the receipt
                </a>
              </dd>
            </div>
          )}
        </dl>
      )}
    </details>
  );
}

function fraudWarningsText(warnings: FraudWarning[] | null, error: string | null): string {
  if (warnings === null) return `Could not be read: ${error ?? 'no reason given'}`;
  if (warnings.length === 0) return 'None';
  return warnings.map((warning) => `${fraudWarningText(warning)}${warning.actionable ? ', actionable' : ''}`).join('; ');
}
