/** The part of `approvals show` that helps decide: the request's values, the deadline, and what approving does. */
import { fraudTypeText } from '../core/fraud-warning.ts';
import { STRIPE_CHARGE_ID } from '../core/stripe-charge-id.ts';
import type { ApprovalChargeView, ApprovalEmailView, ApprovalReviewView, NextActionView, OutboxMessageView } from './catalog-views.ts';
import type { Palette } from './colour.ts';
import { formatTime } from './output.ts';
import { formValueText } from './value-text.ts';

export function reviewLines(review: ApprovalReviewView, palette: Palette): string[] {
  const lines: string[] = [];
  if (review.request !== null) {
    const { request } = review;
    lines.push('', palette.heading(`request ${request.id}`) + ` (${request.offering}, by ${request.requester}, ${formatTime(request.submitted_at)})`);
    const width = Math.max(0, ...request.fields.map((field) => field.label.length));
    lines.push(...request.fields.map((field) => `  ${field.label.padEnd(width)}  ${formValueText(field.value)}`));
  }
  if (review.deadline !== null) lines.push('', `${palette.heading('deadline')}    ${formatTime(review.deadline.due_at)}: ${timeoutText(review.deadline)}`);
  if (review.next_actions.length > 0) {
    lines.push('', palette.heading('approving will'), ...review.next_actions.map((action, index) => `  ${index + 1}. ${nextActionText(action)}`));
  }
  const { authority } = review;
  if (authority !== undefined) {
    if (authority.stake !== null) lines.push('', `${palette.heading('at stake')}    ${authority.stake.amount.toLocaleString('en-US')} ${authority.stake.currency.toUpperCase()}`);
    if (authority.needs_limit_text !== null) lines.push(`this task ${authority.needs_limit_text}: no approver's limit covers it`);
    if (!authority.can_decide && authority.reason_code !== null && authority.reason_code !== 'approval_already_decided') lines.push(`you cannot decide this: ${authority.reason ?? 'no reason given'}`);
  }
  return lines;
}

/** Whether the task's approvers were emailed: each email (the first notice, a reminder, an escalation) with its recipients and whether the mail server took it. */
export function approvalEmailLines(messages: readonly ApprovalEmailView[], palette: Palette): string[] {
  const heading = palette.heading('approvers emailed');
  if (messages.length === 0) return ['', `${heading}  none: the approvers find the task in their inbox`];
  return ['', heading, ...messages.map((message) => `  ${toldWhat(message)} to ${message.to.join(', ')}: ${deliveryText(message)}`)];
}

function toldWhat(message: ApprovalEmailView): string {
  switch (message.kind) {
    case 'opened':
      return 'first notice';
    case 'reminder':
      return `reminder ${message.reminder ?? ''}`.trim();
    case 'escalated':
      return 'escalation';
    default: {
      const unknown: never = message.kind;
      return unknown;
    }
  }
}

function deliveryText(message: OutboxMessageView): string {
  if (message.transport === 'outbox') return 'kept in the outbox, not emailed (no smtp connector)';
  if (message.status === 'sent') return `sent ${formatTime(message.sent_at ?? message.created_at)}`;
  const why = message.error === null ? '' : ` (${message.error})`;
  if (message.status === 'failed') return `not delivered, not tried again${why}`;
  return `not delivered yet${message.next_attempt_at ? `, next try ${formatTime(message.next_attempt_at)}` : ''}${why}`;
}

/** Charges and payments (`ch_…`, `py_…`, `pi_…`): the money target Stripe can say is disputed or reported as fraud. */
export function chargeTargetOf(review: ApprovalReviewView): string | undefined {
  const action = review.next_actions.find((next) => next.kind === 'action' && next.moves_money && next.target !== null && STRIPE_CHARGE_ID.test(next.target));
  return action?.kind === 'action' ? (action.target ?? undefined) : undefined;
}

/** What Stripe says now about the charge approving would move money on: a dispute, early fraud warnings, or neither. */
export function chargeRiskLines(answer: ApprovalChargeView | { error: string }, palette: Palette): string[] {
  const heading = palette.heading('stripe says');
  if ('error' in answer) return ['', heading, `  could not be asked about disputes and fraud warnings: ${answer.error}`];
  const { charge } = answer;
  const warnings = answer.early_fraud_warnings ?? [];
  const lines: string[] = [];
  if (charge.disputed === true) lines.push(`${charge.id} is disputed: the bank took the payment back, and the refund step will refuse it (charge_disputed)`);
  for (const warning of warnings) {
    const when = warning.created === null ? '' : `, ${formatTime(warning.created)}`;
    lines.push(`early fraud warning ${warning.id} on ${charge.id} (${fraudTypeText(warning.fraud_type)}${when})${warning.actionable ? ': a refund now can head off a dispute' : ', no longer actionable'}`);
  }
  if (answer.early_fraud_warnings === null) lines.push(`its early fraud warnings could not be read: ${answer.early_fraud_warnings_error ?? 'no reason given'}`);
  if (lines.length === 0) lines.push(`no dispute and no early fraud warning on ${charge.id}`);
  return ['', heading, ...lines.map((line) => `  ${line}`)];
}

function timeoutText(deadline: NonNullable<ApprovalReviewView['deadline']>): string {
  switch (deadline.on_timeout) {
    case 'reject':
      return 'then it is rejected automatically';
    case 'escalate':
      return `then it goes to team ${deadline.escalate_to ?? '-'}`;
    case 'step':
      return `then the run goes on to ${deadline.then_step_title ?? deadline.then_step ?? '-'}`;
    default: {
      const _: never = deadline.on_timeout;
      return _;
    }
  }
}

function nextActionText(action: NextActionView): string {
  switch (action.kind) {
    case 'approval':
      return `ask for another approval: ${action.title} (${'team' in action.assignee ? `team ${action.assignee.team}` : action.assignee.users.join(', ')})`;
    case 'action':
      return `${action.summary} (${action.step}: ${action.uses}${action.moves_money ? ', moves money' : ''})`;
    case 'end':
      return `end the run: ${action.status}${action.outcome === null ? '' : `, outcome ${action.outcome}`}`;
    case 'unknown':
      return `${action.title}: cannot be foreseen (${action.reason})`;
    default: {
      const _: never = action;
      return _;
    }
  }
}
