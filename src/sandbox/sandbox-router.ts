import { chargeRoutes } from './resources/charges.ts';
import { creditNoteRoutes } from './resources/credit-notes.ts';
import { customerRoutes } from './resources/customers.ts';
import { disputeRoutes } from './resources/disputes.ts';
import { earlyFraudWarningRoutes } from './resources/early-fraud-warnings.ts';
import { eventRoutes } from './resources/events.ts';
import { invoiceRoutes } from './resources/invoices.ts';
import { paymentIntentRoutes } from './resources/payment-intents.ts';
import { refundRoutes } from './resources/refunds.ts';
import { subscriptionRoutes } from './resources/subscriptions.ts';
import { webhookEndpointRoutes } from './resources/webhook-endpoints.ts';
import type { Route } from './sandbox-route.ts';

const ROUTES: readonly Route[] = [
  ...customerRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...earlyFraudWarningRoutes,
  ...disputeRoutes,
  ...invoiceRoutes,
  ...creditNoteRoutes,
  ...subscriptionRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
];

export interface RouteMatch {
  route: Route;
  /** The `:id` segment, or '' when the path has none. */
  id: string;
}

/** The route for a method and path, if the sandbox implements it. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    let id = '';
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part !== ':id') return part === segment;
      id = decodeURIComponent(segment);
      return segment !== '';
    });
    if (matches) return { route, id };
  }
  return undefined;
}
