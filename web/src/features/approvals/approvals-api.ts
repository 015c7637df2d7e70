/** The approvals inbox's calls to the API: queries (keyed under `approvals`) and the decision. */
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { ApprovalCharge, ApprovalDetail, ApprovalEmails, ApprovalList, ApprovalReview, ApprovalTask, Delegation, EventSummary } from '../../api/types.ts';
import type { InboxTab, InboxView } from './inbox-search.ts';

/** A task as the inbox lists it: with whether I can decide it, and why not. */
export type InboxTask = ApprovalList['approvals'][number];

/** The caller's own tasks come on one page (an inbox is read whole, to order it); all pending tasks a page at a time. */
const MINE_PAGE = 200;
const ALL_PENDING_PAGE = 50;

/** Which tasks the inbox shows, and the page (`cursor`: the `next_cursor` of the page before). */
export interface InboxFilter {
  view: InboxView;
  tab: InboxTab;
  team: string | undefined;
  workflow: string | undefined;
  cursor: string | undefined;
}

/**
 * My tasks (as an approver, or a delegate of one), open or decided; or every pending task. The API's
 * filters narrow either to one team's or one workflow's, and page it; what a caller may read stays the API's to say.
 */
export const inboxQuery = (filter: InboxFilter) =>
  queryOptions({
    queryKey: ['approvals', 'inbox', filter],
    queryFn: async () => {
      const mine = filter.view === 'mine';
      const pending = !mine || filter.tab === 'open';
      const answer = await api<ApprovalList>('GET', '/approvals', {
        query: { ...(mine ? { mine: true } : {}), limit: mine ? MINE_PAGE : ALL_PENDING_PAGE, ...(pending ? { status: 'pending' } : {}), team: filter.team, workflow: filter.workflow, cursor: filter.cursor },
      });
      return {
        tasks: pending ? answer.approvals : answer.approvals.filter((task) => task.status !== 'pending'),
        nextCursor: answer.next_cursor,
        filteredWorkflow: answer.filtered_workflow,
      };
    },
    refetchInterval: 30_000,
  });

/** My open tasks, as the inbox's first page of Mine and home read them (one query, one cache). */
export const myOpenTasksQuery = inboxQuery({ view: 'mine', tab: 'open', team: undefined, workflow: undefined, cursor: undefined });

/**
 * A task of mine that a rule keeps me from deciding (I decided another step of its run, my limit is below
 * what is at stake, I published the version): it waits on someone else, and the inbox and home show it apart, with why.
 */
export function waitsOnOthers(task: InboxTask): boolean {
  return task.status === 'pending' && !task.can_decide && task.cannot_decide_code !== null;
}

/** Open tasks in two: mine to decide, and those waiting on someone else (waitsOnOthers). */
export function splitOpenTasks(tasks: readonly InboxTask[]): { yours: InboxTask[]; waiting: InboxTask[] } {
  return { yours: tasks.filter((task) => !waitsOnOthers(task)), waiting: tasks.filter(waitsOnOthers) };
}

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
