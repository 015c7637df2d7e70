/** The approvals inbox's calls to the API: queries (keyed under `approvals`) and the decision. */
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { ApprovalCharge, ApprovalDetail, ApprovalEmails, ApprovalList, ApprovalReview, ApprovalTask, Delegation, EventSummary } from '../../api/types.ts';

export type InboxTab = 'open' | 'decided';

/** How open tasks are ordered: most urgent first (the default), or the largest amount first. */
export type InboxSort = 'urgency' | 'amount';

/** A task as the inbox lists it: with whether I can decide it, and why not. */
export type InboxTask = ApprovalList['approvals'][number];

/** My tasks (as an approver, or a delegate of one): open ones, or those decided. */
export const inboxQuery = (tab: InboxTab) =>
  queryOptions({
    queryKey: ['approvals', 'inbox', tab],
    queryFn: async () => {
      const { approvals } = await api<ApprovalList>('GET', '/approvals', { query: { mine: true, limit: 200, ...(tab === 'open' ? { status: 'pending' } : {}) } });
      return tab === 'open' ? approvals : approvals.filter((task) => task.status !== 'pending');
    },
    refetchInterval: 30_000,
  });

export const approvalQuery = (id: string) =>
  queryOptions({ queryKey: ['approvals', 'task', id], queryFn: () => api<ApprovalDetail>('GET', `/approvals/${encodeURIComponent(id)}`) });

const FINAL_RUN = new Set(['succeeded', 'failed', 'cancelled']);

/** The review; once the task is decided, read again every few seconds until its run ends, so "the run so far" follows it. */
export const reviewQuery = (id: string) =>
  queryOptions({
    queryKey: ['approvals', 'review', id],
    queryFn: () => api<ApprovalReview>('GET', `/approvals/${encodeURIComponent(id)}/review`),
    refetchInterval: (query) => {
      const review = query.state.data;
      return review !== undefined && review.approval.status !== 'pending' && !FINAL_RUN.has(review.run.status) ? 2000 : false;
    },
  });

/** The task's charge and its early fraud warnings, asked of Stripe: shared by the risk notice and the charge panel. */
export const chargeQuery = (id: string) =>
  queryOptions({
    queryKey: ['approvals', 'charge', id],
    queryFn: () => api<ApprovalCharge>('GET', `/approvals/${encodeURIComponent(id)}/charge`),
    retry: false,
  });

/** The emails that told the task's approvers it waits; read again every half minute while one is not delivered yet. */
export const approvalEmailsQuery = (id: string) =>
  queryOptions({
    queryKey: ['approvals', 'emails', id],
    queryFn: () => api<ApprovalEmails>('GET', `/approvals/${encodeURIComponent(id)}/emails`),
    refetchInterval: (query) => (query.state.data?.messages.some((message) => message.status === 'sending') === true ? 30_000 : false),
  });

/** How many of the events about the task's charge the review shows. */
export const OBJECT_HISTORY_LIMIT = 10;

/** The Stripe events about a charge or payment (and what belongs to it), newest first. */
export const objectEventsQuery = (object: string) =>
  queryOptions({
    queryKey: ['approvals', 'object-events', object],
    queryFn: () => api<{ events: EventSummary[]; next_cursor: string | null }>('GET', '/events', { query: { object, limit: OBJECT_HISTORY_LIMIT } }),
  });

export const delegationsQuery = queryOptions({
  queryKey: ['approvals', 'delegations'],
  queryFn: async () => (await api<{ delegations: Delegation[] }>('GET', '/approvals/delegations', { query: { current: true } })).delegations,
});

/**
 * Most urgent first: the nearest deadline, then (no deadline) the one waiting longest.
 * Decided tasks: the latest decision first.
 */
export function byUrgency(a: ApprovalTask, b: ApprovalTask): number {
  if (a.status !== 'pending' || b.status !== 'pending') return (b.decided_at ?? b.created_at).localeCompare(a.decided_at ?? a.created_at);
  if (a.due_at !== null && b.due_at !== null) return a.due_at.localeCompare(b.due_at);
  if (a.due_at !== null) return -1;
  if (b.due_at !== null) return 1;
  return a.created_at.localeCompare(b.created_at);
}
