import type { AppContext } from '../../application/app-context.ts';
import type { ApiRoute } from '../api-route.ts';
import { approvalRoutes } from './approval-routes.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { eventRoutes } from './event-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { webhookInboxRoutes } from './webhook-inbox-routes.ts';
import { requestRoutes } from './request-routes.ts';
import { webhookTriggerRoutes } from './webhook-trigger-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { statsRoutes } from './stats-routes.ts';
import { workflowGraphRoutes } from './workflow-graph-routes.ts';

/** The catalog, request, approval, event, outbox, webhook inbox and webhook trigger routes. */
export function featureRoutes(app: AppContext): ApiRoute[] {
  return [...catalogRoutes(app), ...requestRoutes(app), ...approvalRoutes(app), ...eventRoutes(app), ...outboxRoutes(app), ...webhookInboxRoutes(app), ...webhookTriggerRoutes(app), ...templateRoutes(app), ...statsRoutes(app), ...workflowGraphRoutes(app)];
}
