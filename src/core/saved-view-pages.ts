/**
 * The list pages a saved view belongs to, and the filters each page keeps in
 * its URL's query string (`/runs?status=failed&workflow=customer-refund`).
 * The web app's pages read and write exactly these keys (each page's
 * `parse…Search`; test/unit/web/saved-view-pages.test.ts holds them to it),
 * and the API accepts a saved view's query string only with them.
 */
import { RequestStatus, RunStatus } from './statuses.ts';

export const ViewPage = { approvals: 'approvals', runs: 'runs', requests: 'requests', events: 'events' } as const;
export type ViewPage = (typeof ViewPage)[keyof typeof ViewPage];
export const VIEW_PAGES = Object.values(ViewPage);

/** One filter of a page's URL: its key, and the only values it takes when it is a choice (otherwise any text). */
export interface ViewFilter {
  key: string;
  /** What it narrows, for error messages and the API's description. */
  about: string;
  choices?: readonly string[];
}

/** Each page's filters, in the order the page shows them. */
export const VIEW_PAGE_FILTERS: Readonly<Record<ViewPage, readonly ViewFilter[]>> = {
  approvals: [
    { key: 'view', about: 'whose tasks: `all` pending ones (left out: mine)', choices: ['all'] },
    { key: 'tab', about: 'of mine, the `decided` ones (left out: open)', choices: ['decided'] },
    { key: 'sort', about: 'the largest `amount` first (left out: most urgent)', choices: ['amount'] },
    { key: 'team', about: 'a team id' },
    { key: 'workflow', about: 'a workflow id' },
  ],
  runs: [
    { key: 'workflow', about: 'a workflow id' },
    { key: 'status', about: 'a run status', choices: Object.values(RunStatus) },
    { key: 'from', about: 'started at or after, a local time (`2026-03-01T10:00`)' },
    { key: 'to', about: 'started before, a local time' },
    { key: 'event', about: 'a Stripe event id' },
    { key: 'object', about: 'a Stripe object id' },
    { key: 'request', about: 'a catalog request id' },
  ],
  requests: [
    { key: 'view', about: "`all`: everyone's (left out: mine)", choices: ['all'] },
    { key: 'status', about: 'a request status', choices: Object.values(RequestStatus) },
    { key: 'service', about: 'a service id' },
    { key: 'offering', about: 'an offering id' },
  ],
  events: [
    { key: 'object', about: 'a Stripe object id' },
    { key: 'type', about: 'a Stripe event type' },
    { key: 'from', about: 'received at or after, a local time' },
    { key: 'to', about: 'received before, a local time' },
  ],
};

/** The longest query string a view keeps, in characters: every filter of a page set, with room to spare. */
export const MAX_VIEW_QUERY_LENGTH = 2000;

/** The longest value one filter takes, in characters (decoded). */
export const MAX_VIEW_FILTER_VALUE_LENGTH = 300;

/** The filter keys of `page`. */
export function viewFilterKeys(page: ViewPage): string[] {
  return VIEW_PAGE_FILTERS[page].map((filter) => filter.key);
}

export function isViewPage(value: string): value is ViewPage {
  return (VIEW_PAGES as readonly string[]).includes(value);
}
