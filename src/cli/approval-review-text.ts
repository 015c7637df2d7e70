/** The part of `approvals show` that helps decide: the request's values, the deadline, and what approving does. */
import type { ApprovalReviewView, NextActionView } from './catalog-views.ts';
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

function timeoutText(deadline: NonNullable<ApprovalReviewView['deadline']>): string {
  switch (deadline.on_timeout) {
    case 'reject':
      return 'then it is rejected automatically';
    case 'escalate':
      return `then it goes to team ${deadline.escalate_to ?? '-'}`;
    case 'step':
      return `then the run goes on to ${deadline.then_step ?? '-'}`;
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
