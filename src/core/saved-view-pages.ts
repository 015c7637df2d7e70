/**
 * The list pages a saved view belongs to, and the filters each page keeps in
 * its URL's query string (`/runs?status=failed&workflow=customer-refund`).
 * The web app's pages read and write exactly these keys (each page's
 * `parse…Search`; test/unit/web/saved-view-pages.test.ts holds them to it),
 * and the API accepts a saved view's query string only with them.
 */
import { WITHIN_CHOICES, WITHIN_KEY } from './relative-window.ts';
import { RequestStatus, RunStatus } from './statuses.ts';

export const ViewPage = { approvals: 'approvals', runs: 'runs', requests: 'requests', events: 'events' } as const;
export type ViewPage = (typeof ViewPage)[keyof typeof ViewPage];
export const VIEW_PAGES = Object.values(ViewPage);

/** One filter of a page's URL: its key, the page's label for it, and the only values it takes when it is a choice (otherwise any text). */
export interface ViewFilter {
  key: string;
  /** As the page's filter bar names it. */
  label: string;
  choices?: readonly { value: string; label: string }[];
  /** The keys that cannot be given with this one (a relative window instead of absolute times). */
  excludes?: readonly string[];
  /** The value is the id of a team, a workflow, a service or an offering: people are shown its title. */
  names?: NamedThing;
  /** The key of the filter whose value this id is unique within: an offering's service. */
  scopedBy?: string;
}

/** What a filter's value may be the id of, shown by its title. */
export const NamedThing = { team: 'team', workflow: 'workflow', service: 'service', offering: 'offering' } as const;
export type NamedThing = (typeof NamedThing)[keyof typeof NamedThing];

const statusChoices = (statuses: readonly string[]) => statuses.map((value) => ({ value, label: `${value.charAt(0).toUpperCase()}${value.slice(1)}` }));

/** Each page's filters, in the order the page shows them. */
export const VIEW_PAGE_FILTERS: Readonly<Record<ViewPage, readonly ViewFilter[]>> = {
  approvals: [
    { key: 'view', label: 'Whose tasks', choices: [{ value: 'all', label: 'All pending' }] },
    { key: 'tab', label: 'Tab', choices: [{ value: 'decided', label: 'Decided' }] },
    { key: 'sort', label: 'Order', choices: [{ value: 'amount', label: 'Largest amount first' }] },
    { key: 'team', label: 'Team', names: NamedThing.team },
    { key: 'workflow', label: 'Workflow', names: NamedThing.workflow },
  ],
  runs: [
    { key: 'workflow', label: 'Workflow', names: NamedThing.workflow },
    { key: 'status', label: 'Status', choices: statusChoices(Object.values(RunStatus)) },
    { key: WITHIN_KEY, label: 'Started', choices: WITHIN_CHOICES, excludes: ['from', 'to'] },
    { key: 'from', label: 'Started from' },
    { key: 'to', label: 'Started before' },
    { key: 'event', label: 'Event id' },
    { key: 'object', label: 'Stripe object' },
    { key: 'request', label: 'Request id' },
  ],
  requests: [
    { key: 'view', label: 'Whose', choices: [{ value: 'all', label: 'Everyone’s' }] },
    { key: 'status', label: 'Status', choices: statusChoices(Object.values(RequestStatus)) },
    { key: 'service', label: 'Service', names: NamedThing.service },
    { key: 'offering', label: 'Offering', names: NamedThing.offering, scopedBy: 'service' },
    { key: WITHIN_KEY, label: 'Submitted', choices: WITHIN_CHOICES, excludes: ['from', 'to'] },
    { key: 'from', label: 'Submitted from' },
    { key: 'to', label: 'Submitted before' },
  ],
  events: [
    { key: 'object', label: 'Stripe object' },
    { key: 'type', label: 'Event type' },
    { key: WITHIN_KEY, label: 'Received', choices: WITHIN_CHOICES, excludes: ['from', 'to'] },
    { key: 'from', label: 'Received from' },
    { key: 'to', label: 'Received before' },
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
