import { useQuery } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import type { ApprovalDetail, ApprovalReview } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { statusWords } from '../../ui/status-label.ts';
import { formatDateTime, formatRelative } from '../../ui/time.ts';
import { ApprovalEmails } from './approval-emails.tsx';
import { ApproverValues } from './approver-values.tsx';
import { approvalQuery, reviewQuery } from './approvals-api.ts';
import { ChargePanel, namesCharge } from './charge-panel.tsx';
import { ChargeRisk, isChargeTarget } from './charge-risk.tsx';
import { DecisionForm } from './decision-form.tsx';
import { describeField } from './field-value.ts';
import { NextActions } from './next-actions.tsx';
import { moneyTarget, ObjectHistory } from './object-history.tsx';
import { useTeamName } from '../../api/team-names.ts';
import { timeLeft } from './time-left.ts';

const route = getRouteApi('/app/approvals/$id');

/** One approval task: what approving does, the decision, what Tollgate saw about the charge, the request, the charge, the run so far, who was emailed. */
export function TaskPage() {
  const { id } = route.useParams();
  const me = useMe();
  const detail = useQuery(approvalQuery(id));
  const review = useQuery(reviewQuery(id));
  const teamName = useTeamName();
  const back = (
    <Link to="/approvals" className="button">
      ← Inbox
    </Link>
  );
  if (detail.isPending || review.isPending) return <Loading label="Loading the task…" />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => void detail.refetch()} />;
  if (review.isError) return <ErrorState error={review.error} retry={() => void review.refetch()} />;
  const task = detail.data.approval;
  const pending = task.status === 'pending';
  const target = moneyTarget(review.data);
  return (
    <>
      <PageHeader
        title={
          <span className="row">
            {task.title} <StatusBadge status={task.status} />
          </span>
        }
        subtitle={
          <>
            {task.workflow_title} · for {task.assignee_team === null ? task.approvers.join(', ') : teamName(task.assignee_team)} · opened {formatRelative(task.created_at)}
          </>
        }
        actions={back}
      />
      <div className="task-layout">
        <div className="stack">
          {pending ? <Deadline review={review.data} /> : <Outcome detail={detail.data} />}
          {pending && <NextActions review={review.data} />}
          {pending && review.data.authority.needs_limit_text !== null && (
            <p className="notice" role="status">
              This task {review.data.authority.needs_limit_text}: no approver&apos;s limit covers it.
            </p>
          )}
          {pending && isChargeTarget(target) && <ChargeRisk taskId={task.id} />}
          {pending && target !== undefined && <ObjectHistory objectId={target} />}
          {pending && can(me, 'approvals.decide') && <DecisionForm task={task} authority={review.data.authority} />}
          <RequestCard review={review.data} />
          {namesCharge(review.data) && <ChargePanel taskId={task.id} />}
        </div>
        <div className="stack">
          <RunSoFar review={review.data} workflowTitle={task.workflow_title} />
          <Decisions detail={detail.data} />
          <ApprovalEmails taskId={task.id} />
        </div>
      </div>
    </>
  );
}

function Deadline({ review }: { review: ApprovalReview }) {
  const { deadline } = review;
  const teamName = useTeamName();
  if (deadline === null) return null;
  const due = timeLeft(deadline.due_at);
  const then =
    deadline.on_timeout === 'escalate' ? `then it goes to ${deadline.escalate_to === null ? 'another team' : teamName(deadline.escalate_to)}` : deadline.on_timeout === 'reject' ? 'then it is rejected automatically' : `then the run goes on to ${deadline.then_step_title ?? '?'}`;
  return (
    <p className={due.urgent ? 'deadline urgent' : 'deadline'} role="note">
      <strong>{due.text}</strong> ({formatDateTime(deadline.due_at)}); {then}.
    </p>
  );
}

function Outcome({ detail }: { detail: ApprovalDetail }) {
  const { outcome, status } = detail.approval;
  if (outcome === null) return <p className="outcome">This task is {statusWords(status)}.</p>;
  return (
    <div className={`outcome ${outcome.decision}`} role="status">
      <strong>
        {outcome.decision === 'approved' ? 'Approved' : outcome.decision === 'rejected' ? 'Rejected' : 'Timed out'}
        {outcome.by === null ? '' : ` by ${outcome.by}`}
      </strong>{' '}
      <span className="muted">{formatDateTime(outcome.at)}</span>
      {outcome.comment !== null && <p className="outcome-comment">“{outcome.comment}”</p>}
      {outcome.values !== undefined && <ApproverValues fields={detail.approval.form} values={outcome.values} label="What the approver filled in" />}
    </div>
  );
}

function RequestCard({ review }: { review: ApprovalReview }) {
  const { request } = review;
  if (request === null) return null;
  return (
    <section className="card" aria-labelledby="request-title">
      <h2 id="request-title">Request</h2>
      <dl className="kv">
        {request.fields.map((field) => {
          const { label, text } = describeField(field);
          return (
            <div className="kv-row" key={field.key}>
              <dt>{label}</dt>
              <dd className={field.type === 'textarea' ? 'prewrap' : undefined}>{text}</dd>
            </div>
          );
        })}
        <div className="kv-row">
          <dt>Requested by</dt>
          <dd>
            {request.requester}, {formatDateTime(request.submitted_at)}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function RunSoFar({ review, workflowTitle }: { review: ApprovalReview; workflowTitle: string }) {
  return (
    <section className="card" aria-labelledby="run-title">
      <h2 id="run-title">
        The run so far <StatusBadge status={review.run.status} />
      </h2>
      <ol className="run-steps">
        {review.steps.map((step) => (
          <li key={`${step.path}-${step.finished_at ?? 'open'}`}>
            {/* A step without a title comes with its id as one: named in words, as the run's page names it. */}
            <span className="run-step-title">{step.title}</span> <StatusBadge status={step.status} />
            <div className="muted">{step.summary}</div>
          </li>
        ))}
      </ol>
      <Link to="/runs/$id" params={{ id: review.run.id }}>
        Open the run of {workflowTitle}
      </Link>
    </section>
  );
}

function Decisions({ detail }: { detail: ApprovalDetail }) {
  if (detail.decisions.length === 0) return null;
  // Once decided, the outcome shows the values the run goes on with: each decision's own are shown when there are several, or none decided it yet.
  const ownValues = detail.approval.outcome?.values === undefined || detail.decisions.filter((decision) => decision.values !== null).length > 1;
  return (
    <section className="card" aria-labelledby="decisions-title">
      <h2 id="decisions-title">Decisions</h2>
      <ul className="decision-list">
        {detail.decisions.map((decision) => (
          <li key={`${decision.by}-${decision.decided_at}`}>
            <StatusBadge status={decision.decision} /> {decision.by}
            {decision.on_behalf_of === null ? '' : ` for ${decision.on_behalf_of}`} <span className="muted">· {formatDateTime(decision.decided_at)}</span>
            {decision.comment !== null && <p className="outcome-comment">“{decision.comment}”</p>}
            {ownValues && decision.values !== null && <ApproverValues fields={detail.approval.form} values={decision.values} label={`What ${decision.by} filled in`} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
