import { useQuery } from '@tanstack/react-query';
import { fraudTypeText } from '../../../../src/core/fraud-warning.ts';
import { STRIPE_CHARGE_ID } from '../../../../src/core/stripe-charge-id.ts';
import type { ApprovalCharge, FraudWarning } from '../../api/types.ts';
import { asApiError } from '../../api/api-error.ts';
import { formatDateTime } from '../../ui/time.ts';
import { chargeQuery } from './approvals-api.ts';

/** Charges and payments (`ch_…`, `py_…`, `pi_…`): what Stripe can say is disputed or reported as fraud. */
export const isChargeTarget = (target: string | undefined): target is string => target !== undefined && STRIPE_CHARGE_ID.test(target);

/** `card never received, 3 Dec 2026, 14:02 (issfr_…)`: one warning in words. */
export function fraudWarningText(warning: FraudWarning): string {
  const when = warning.created === null ? '' : `, ${formatDateTime(warning.created)}`;
  return `${fraudTypeText(warning.fraud_type)}${when} (${warning.id})`;
}

/**
 * Stripe's word on the charge an approval would move money on, asked when the page opens (not only what
 * reached Tollgate): whether it is disputed, and its card issuer's early fraud warnings.
 */
export function ChargeRisk({ taskId }: { taskId: string }) {
  const answer = useQuery(chargeQuery(taskId));
  if (answer.isPending) return <p className="muted small">Asking Stripe about disputes and fraud warnings on the charge…</p>;
  if (answer.isError) {
    return (
      <p className="notice" role="status">
        Stripe could not be asked about disputes and fraud warnings: {asApiError(answer.error).message}
      </p>
    );
  }
  const { charge } = answer.data;
  const warnings = answer.data.early_fraud_warnings ?? [];
  const unread = answer.data.early_fraud_warnings === null;
  if (!charge.disputed && warnings.length === 0) {
    return unread ? (
      <p className="notice" role="status">
        Stripe reports no dispute on <code>{charge.id}</code>; {unreadWarnings(answer.data)}
      </p>
    ) : (
      <p className="notice good" role="status">
        Stripe reports no dispute and no early fraud warning on <code>{charge.id}</code>.
      </p>
    );
  }
  return (
    <div className="notice bad charge-risk" role="alert">
      {charge.disputed && (
        <p>
          <strong>
            <code>{charge.id}</code> is disputed.
          </strong>{' '}
          The cardholder&apos;s bank has taken the payment back: the refund step will refuse it (charge_disputed). Answer the dispute in Stripe instead.
        </p>
      )}
      {warnings.length > 0 && (
        <>
          <p>
            <strong>
              The card issuer reported fraud on <code>{charge.id}</code>.
            </strong>{' '}
            {warnings.some((warning) => warning.actionable) ? 'A refund now can head off a dispute.' : 'No longer actionable: the charge is disputed or refunded.'}
          </p>
          <ul className="plain-list">
            {warnings.map((warning) => (
              <li key={warning.id}>Early fraud warning: {fraudWarningText(warning)}</li>
            ))}
          </ul>
        </>
      )}
      {unread && <p>{unreadWarnings(answer.data)}</p>}
    </div>
  );
}

function unreadWarnings(answer: ApprovalCharge): string {
  return `its early fraud warnings could not be read (${answer.early_fraud_warnings_error ?? 'no reason given'}).`;
}
