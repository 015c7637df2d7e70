import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../layout/root-route.tsx';
import type { OutboxStatusFilter } from './event-queries.ts';
import { parseEventSearch } from './event-search.ts';

/** `?run=` keeps one run's messages. */
const runSearch = (search: Record<string, unknown>): { run?: string } => (typeof search.run === 'string' && search.run !== '' ? { run: search.run } : {});

/** The outbox also keeps `?status=sending|failed` (emails not delivered yet, or never). */
const outboxSearch = (search: Record<string, unknown>): { run?: string; status?: OutboxStatusFilter } => ({
  ...runSearch(search),
  ...(search.status === 'sending' || search.status === 'failed' ? { status: search.status } : {}),
});

export const eventsRoutes = [
  createRoute({ getParentRoute: () => appRoute, path: '/events', validateSearch: parseEventSearch, component: lazyRouteComponent(() => import('./events-page.tsx'), 'EventsPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/events/send', component: lazyRouteComponent(() => import('./send-test-event-page.tsx'), 'SendTestEventPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/events/recover', component: lazyRouteComponent(() => import('./recover-events-page.tsx'), 'RecoverEventsPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/events/outbox', validateSearch: outboxSearch, component: lazyRouteComponent(() => import('./outbox-page.tsx'), 'OutboxPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/events/outbox/$id', component: lazyRouteComponent(() => import('./outbox-message-page.tsx'), 'OutboxMessagePage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/events/webhooks', validateSearch: runSearch, component: lazyRouteComponent(() => import('./webhook-inbox-page.tsx'), 'WebhookInboxPage') }),
  createRoute({ getParentRoute: () => appRoute, path: '/events/webhooks/$id', component: lazyRouteComponent(() => import('./webhook-message-page.tsx'), 'WebhookMessagePage') }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/events/$id',
    // `sent` marks an event just sent from the test form: its page waits for the delivery.
    validateSearch: (search: Record<string, unknown>): { sent?: boolean } => (search.sent === true || search.sent === 'true' ? { sent: true } : {}),
    component: lazyRouteComponent(() => import('./event-detail-page.tsx'), 'EventDetailPage'),
  }),
];
