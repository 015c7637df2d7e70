import type { AppContext } from '../../application/app-context.ts';
import type { ApiRoute } from '../api-route.ts';
import { approvalRoutes } from './approval-routes.ts';
import { approvalReviewRoutes } from './approval-review-routes.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { eventRoutes } from './event-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { webhookInboxRoutes } from './webhook-inbox-routes.ts';
import { requestRoutes } from './request-routes.ts';
import { requestTimelineRoutes } from './request-timeline-routes.ts';
import { webhookTriggerRoutes } from './webhook-trigger-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { sandboxRoutes } from './sandbox-routes.ts';
import { teamRoutes } from './team-routes.ts';
import { serviceRoutes } from './service-routes.ts';
import { connectorRoutes } from './connector-routes.ts';
import { statsRoutes } from './stats-routes.ts';
import { workflowGraphRoutes } from './workflow-graph-routes.ts';
import { referenceRoutes } from './reference-routes.ts';
import { simulationRoutes } from './simulation-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { governanceRoutes } from './governance-routes.ts';
import { bulkRunRoutes } from './bulk-run-routes.ts';
import { savedViewRoutes } from './saved-view-routes.ts';

/** The catalog, request, approval, event, outbox, webhook inbox, webhook trigger, sandbox, team, service and connector routes, the bulk run actions and saved views. */
export function featureRoutes(app: AppContext): ApiRoute[] {
  return [
    ...catalogRoutes(app),
    ...requestRoutes(app),
    ...requestTimelineRoutes(app),
    ...approvalRoutes(app),
    ...approvalReviewRoutes(app),
    ...eventRoutes(app),
    ...outboxRoutes(app),
    ...webhookInboxRoutes(app),
    ...webhookTriggerRoutes(app),
    ...templateRoutes(app),
    ...sandboxRoutes(app),
    ...teamRoutes(app),
    ...serviceRoutes(app),
    ...connectorRoutes(app),
    ...statsRoutes(app),
    ...workflowGraphRoutes(app),
    ...referenceRoutes(app),
    ...simulationRoutes(app),
    ...auditRoutes(app),
    ...governanceRoutes(app),
    ...bulkRunRoutes(app),
    ...savedViewRoutes(app),
  ];
}
