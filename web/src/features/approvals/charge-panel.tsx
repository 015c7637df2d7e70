import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatAmount } from '../../../../src/expression/money.ts';
import { asApiError } from '../../api/api-error.ts';
import { Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { chargeQuery } from './approvals-api.ts';

/** The charge the task is about, fetched from Stripe when the panel opens. */
export function ChargePanel({ taskId }: { taskId: string }) {
  const [open, setOpen] = useState(false);
  const charge = useQuery({ ...chargeQuery(taskId), enabled: open });
  return (
    <details className="card charge-panel" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <h2>Charge details from Stripe</h2>
      </summary>
      {!open ? null : charge.isPending ? (
        <Loading label="Asking Stripe…" />
      ) : charge.isError ? (
        <p className="form-error" role="alert">
          {asApiError(charge.error).message}
        </p>
      ) : (
        <dl className="kv">
          {(
            [
            ['Charge', <code key="id">{charge.data.id}</code>],
            ['Amount', formatAmount(charge.data.amount, charge.data.currency)],
            ['Refunded so far', charge.data.amount_refunded === 0 ? 'Nothing' : formatAmount(charge.data.amount_refunded, charge.data.currency)],
            ['Status', `${charge.data.status ?? 'unknown'}${charge.data.refunded ? ', fully refunded' : ''}`],
            ['Created', formatDateTime(charge.data.created)],
            ['Customer', charge.data.billing_name ?? charge.data.customer ?? '—'],
            ['Receipt email', charge.data.receipt_email ?? '—'],
            ['Payment method', charge.data.payment_method ?? '—'],
            ['Description', charge.data.description ?? '—'],
            ['Payment intent', charge.data.payment_intent ?? '—'],
            ] as [string, ReactNode][]
          ).map(([label, value]) => (
            <div className="kv-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {charge.data.receipt_url !== null && (
            <div className="kv-row">
              <dt>Receipt</dt>
              <dd>
                <a href={charge.data.receipt_url} target="_blank" rel="noreferrer">
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
