import { Empty } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import type { Policy } from './governance-types.ts';
import { POLICY_EXAMPLE } from './policy-example.ts';
import { capInWords, flagInWords } from './policy-words.ts';

/** The global policies, one card each, or how to add the first. */
export function PolicyCards({ policies }: { policies: Policy[] }) {
  if (policies.length === 0) {
    return (
      <Empty title="No global policy yet">
        <p>
          Without one, every refund and credit note is still checked before the call (pre-flight) and approvers are kept apart, but nothing caps the amounts. Apply a{' '}
          <code>kind: Policy</code> document with <code>tollgate apply</code> or <code>POST /api/v1/apply</code>, for example:
        </p>
        <pre className="yaml" tabIndex={0} aria-label="Example Policy document">
          <code>{POLICY_EXAMPLE}</code>
        </pre>
      </Empty>
    );
  }
  return (
    <div className="grid grid-2">
      {policies.map((policy) => (
        <PolicyCard key={policy.id} policy={policy} />
      ))}
    </div>
  );
}

function PolicyCard({ policy }: { policy: Policy }) {
  const limits = policy.refunds?.limits ?? [];
  const headingId = `policy-${policy.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{policy.title ?? policy.id}</h3>
      <p className="muted">
        <span className="mono">{policy.id}</span> · updated {formatDateTime(policy.updated_at)}
      </p>
      {policy.description !== null && <p>{policy.description}</p>}
      <dl className="kv">
        <dt>Pre-flight check</dt>
        <dd>{flagInWords(policy.refunds?.preflight)}</dd>
        <dt>Refund caps</dt>
        <dd>
          {limits.length === 0 ? (
            'None'
          ) : (
            <ul className="plain-list">
              {limits.map((cap, index) => (
                <li key={index}>{capInWords(cap)}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Unknown refund outcome</dt>
        <dd>
          {policy.refunds?.unknown_outcome_team === undefined
            ? 'Asked of the team that approved the refund (default)'
            : `Asked of team ${policy.refunds.unknown_outcome_team}`}
        </dd>
        <dt>Distinct approvers</dt>
        <dd>{flagInWords(policy.approvals?.distinct_approvers)}</dd>
        <dt>Author cannot approve</dt>
        <dd>{flagInWords(policy.approvals?.author_cannot_approve)}</dd>
      </dl>
    </section>
  );
}
