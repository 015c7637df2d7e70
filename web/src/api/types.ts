/**
 * The API's answer types, inferred from the server's own zod schemas (type-only imports: nothing
 * of the server is bundled). One definition: a renamed field breaks the web app's typecheck.
 */
import type { z } from 'zod';
import type { approvalChargeResponseSchema, approvalEmailsResponseSchema, approvalReviewResponseSchema, chargeSchema, delegationSchema, fraudWarningSchema, nextStepSchema } from '../../../src/server/approval-review-schemas.ts';
import type { approvalDetailResponseSchema, approvalListResponseSchema, approvalTaskSchema } from '../../../src/server/approval-schemas.ts';
import type { catalogResponseSchema, offeringResponseSchema, requestDetailResponseSchema, requestListResponseSchema, submitRequestResponseSchema } from '../../../src/server/catalog-schemas.ts';
import type { connectorChangeResponseSchema, connectorListResponseSchema, connectorSchema, connectorTypeListResponseSchema } from '../../../src/server/connector-schemas.ts';
import type { eventMatchSchema, eventReplayResponseSchema, eventSchema, eventSummarySchema } from '../../../src/server/event-schemas.ts';
import type { eventRecoverBody, eventRecoverResponseSchema } from '../../../src/server/event-recovery-schemas.ts';
import type { graphEdgeSchema, graphNodeSchema, workflowGraphResponseSchema } from '../../../src/server/graph-schemas.ts';
import type { apiKeyCreatedResponseSchema, apiKeySchema, meResponseSchema, userSchema } from '../../../src/server/identity-schemas.ts';
import type { outboxListItemSchema, outboxMessageSchema, outboxMessageSummarySchema } from '../../../src/server/outbox-schemas.ts';
import type { requestTimelineResponseSchema } from '../../../src/server/request-timeline-schemas.ts';
import type { runDetailResponseSchema, runListResponseSchema, runSchema, stepAttemptSchema, titledRunSchema, versionSchema, versionSummarySchema, workflowSchema } from '../../../src/server/response-schemas.ts';
import type { bulkRunResponseSchema } from '../../../src/server/bulk-run-schemas.ts';
import type { sandboxStatusSchema, sendTestEventBody, sentTestEventSchema } from '../../../src/server/sandbox-schemas.ts';
import type { offeringInputSchema, serviceChangeResponseSchema, serviceListResponseSchema } from '../../../src/server/service-schemas.ts';
import type { runStatsResponseSchema } from '../../../src/server/stats-schemas.ts';
import type { savedViewListResponseSchema, savedViewResponseSchema, savedViewSchema } from '../../../src/server/saved-view-schemas.ts';
import type { teamChangeResponseSchema, teamSchema } from '../../../src/server/team-schemas.ts';
import type { templateListResponseSchema, useTemplateResponseSchema } from '../../../src/server/template-schemas.ts';
import type { webhookInboxMessageDetailSchema, webhookInboxMessageSchema } from '../../../src/server/webhook-inbox-schemas.ts';
import type { workflowListItemSchema, workflowTriggerSummarySchema } from '../../../src/server/workflow-list-schemas.ts';
import type { eventTypeListSchema, eventTypeReferenceSchema, operationReferenceListSchema, referenceFieldSchema, variableReferenceListSchema } from '../../../src/server/reference-schemas.ts';

// The signed-in person and the people in settings.
export type Me = z.infer<typeof meResponseSchema>;
export type User = z.infer<typeof userSchema>;

// Workflows: the list, one workflow, its versions and a version's graph.
export type WorkflowListItem = z.infer<typeof workflowListItemSchema>;
export type WorkflowTrigger = z.infer<typeof workflowTriggerSummarySchema>;
export type WorkflowDetail = z.infer<typeof workflowSchema>;
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export type Version = z.infer<typeof versionSchema>;
export type WorkflowGraphAnswer = z.infer<typeof workflowGraphResponseSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

// Runs: list, detail with step attempts, statistics.
export type Run = z.infer<typeof runSchema>;
/** A run as its page and the run list give it: with the title of the step it failed at. */
export type TitledRun = z.infer<typeof titledRunSchema>;
export type StepAttempt = z.infer<typeof stepAttemptSchema>;
export type RunListAnswer = z.infer<typeof runListResponseSchema>;
export type RunDetailAnswer = z.infer<typeof runDetailResponseSchema>;
export type RunStatsAnswer = z.infer<typeof runStatsResponseSchema>;
export type BulkRunAnswer = z.infer<typeof bulkRunResponseSchema>;

// Events and messages: Stripe events and which workflows they started, the mail outbox, the webhook inbox, the sandbox.
export type EventSummary = z.infer<typeof eventSummarySchema>;
export type EventDetail = z.infer<typeof eventSchema>;
export type EventMatch = z.infer<typeof eventMatchSchema>;
export type OutboxMessageSummary = z.infer<typeof outboxMessageSummarySchema>;
export type OutboxListItem = z.infer<typeof outboxListItemSchema>;
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type WebhookInboxMessage = z.infer<typeof webhookInboxMessageSchema>;
export type WebhookInboxMessageDetail = z.infer<typeof webhookInboxMessageDetailSchema>;
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;
export type SendTestEventRequest = z.input<typeof sendTestEventBody>;
export type SentTestEvent = z.infer<typeof sentTestEventSchema>;

// Catalog: services and offerings, requests and a request's timeline.
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;
export type Offering = z.infer<typeof offeringResponseSchema>['offering'];
export type FormField = Offering['form'][number];
export type SubmitRequestResponse = z.infer<typeof submitRequestResponseSchema>;
export type RequestList = z.infer<typeof requestListResponseSchema>;
export type CatalogRequest = RequestList['requests'][number];
export type RequestDetailResponse = z.infer<typeof requestDetailResponseSchema>;
export type RequestTimeline = z.infer<typeof requestTimelineResponseSchema>;
export type TimelineEntry = RequestTimeline['timeline'][number];
// Changing the catalog: every service with every offering, and what a change sends and answers.
export type CatalogService = CatalogResponse['services'][number];
export type ServiceList = z.infer<typeof serviceListResponseSchema>;
export type ServiceChange = z.infer<typeof serviceChangeResponseSchema>;
export type OfferingInput = z.input<typeof offeringInputSchema>;

// Approvals: tasks, a task's review (what approving does, the charge) and delegation.
export type ApprovalTask = z.infer<typeof approvalTaskSchema>;
export type ApprovalList = z.infer<typeof approvalListResponseSchema>;
export type ApprovalDetail = z.infer<typeof approvalDetailResponseSchema>;
export type ApprovalReview = z.infer<typeof approvalReviewResponseSchema>;
export type ApprovalNextStep = z.infer<typeof nextStepSchema>;
export type Charge = z.infer<typeof chargeSchema>;
export type ApprovalCharge = z.infer<typeof approvalChargeResponseSchema>;
export type ApprovalEmails = z.infer<typeof approvalEmailsResponseSchema>;
export type FraudWarning = z.infer<typeof fraudWarningSchema>;
export type Delegation = z.infer<typeof delegationSchema>;

// Settings: teams, API keys, connectors.
export type Team = z.infer<typeof teamSchema>;
export type TeamChange = z.infer<typeof teamChangeResponseSchema>;
export type ApiKey = z.infer<typeof apiKeySchema>;
export type ApiKeyCreated = z.infer<typeof apiKeyCreatedResponseSchema>;
export type Connector = z.infer<typeof connectorSchema>;
export type ConnectorList = z.infer<typeof connectorListResponseSchema>;
export type StripeWebhookEndpoint = ConnectorList['stripe_webhooks'][number];
export type ConnectorChange = z.infer<typeof connectorChangeResponseSchema>;
export type ConnectorTypeSpec = z.infer<typeof connectorTypeListResponseSchema>['types'][number];
export type ConnectorSettingSpec = ConnectorTypeSpec['settings'][number];
export type EventReplayAnswer = z.infer<typeof eventReplayResponseSchema>;
export type EventRecoverRequest = z.input<typeof eventRecoverBody>;
export type EventRecoverAnswer = z.infer<typeof eventRecoverResponseSchema>;
export type TemplateList = z.infer<typeof templateListResponseSchema>;
export type Template = TemplateList['templates'][number];
export type TemplateUsed = z.infer<typeof useTemplateResponseSchema>;

// Saved views: a person's named filters of a list page, theirs or shared with a team.
export type SavedView = z.infer<typeof savedViewSchema>;
export type SavedViewList = z.infer<typeof savedViewListResponseSchema>;
export type SavedViewAnswer = z.infer<typeof savedViewResponseSchema>;

// The reference the workflow builder's forms read (GET /api/v1/reference/...).
export type ReferenceField = z.infer<typeof referenceFieldSchema>;
export type OperationReferenceList = z.infer<typeof operationReferenceListSchema>;
export type OperationReference = OperationReferenceList['operations'][number];
export type EventTypeList = z.infer<typeof eventTypeListSchema>;
export type EventTypeReference = z.infer<typeof eventTypeReferenceSchema>['event_type'];
export type VariableReferenceList = z.infer<typeof variableReferenceListSchema>;
