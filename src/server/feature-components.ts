/**
 * The named schemas of the catalog, service, request, approval, event, outbox and
 * webhook trigger routes, for the OpenAPI document's `components.schemas`
 * (alongside request-schemas.ts and response-schemas.ts).
 */
import { auditResponseComponents } from './audit-schemas.ts';
import { governanceResponseComponents } from './governance-schemas.ts';
import { bulkRunRequestComponents, bulkRunResponseComponents } from './bulk-run-schemas.ts';
import {
  approvalDecisionSchema,
  approvalDetailResponseSchema,
  approvalListResponseSchema,
  approvalTaskSchema,
  decideBody,
  delegationBody,
} from './approval-schemas.ts';
import {
  approvalChargeResponseSchema,
  approvalEmailsResponseSchema,
  approvalReviewResponseSchema,
  chargeSchema,
  delegationListResponseSchema,
  delegationSchema,
  delegationResponseSchema,
  endDelegationBody,
  nextStepSchema,
} from './approval-review-schemas.ts';
import {
  catalogResponseSchema,
  catalogServiceSchema,
  offeringResponseSchema,
  offeringSchema,
  requestDetailResponseSchema,
  requestListResponseSchema,
  requestSchema,
  submitRequestBody,
  submitRequestResponseSchema,
} from './catalog-schemas.ts';
import { eventListResponseSchema, eventMatchSchema, eventResponseSchema, eventSchema, eventSummarySchema, stripeEventPayloadSchema, stripeIntakeResponseSchema } from './event-schemas.ts';
import {
  emailPreviewBody,
  emailPreviewResponseSchema,
  outboxListResponseSchema,
  outboxMessageResponseSchema,
  outboxMessageSchema,
  outboxListItemSchema,
  outboxMessageSummarySchema,
} from './outbox-schemas.ts';
import { webhookInboxListResponseSchema, webhookInboxMessageDetailSchema, webhookInboxMessageResponseSchema, webhookInboxMessageSchema } from './webhook-inbox-schemas.ts';
import { requestTimelineResponseSchema, timelineEntrySchema } from './request-timeline-schemas.ts';
import { webhookPayloadSchema, webhookTriggerResponseSchema } from './webhook-trigger-schemas.ts';
import { sandboxStatusResponseSchema, sandboxStatusSchema, sendTestEventBody, sendTestEventResponseSchema, sentTestEventSchema } from './sandbox-schemas.ts';
import { workflowLastRunSchema, workflowListItemSchema, workflowListPageSchema, workflowTriggerSummarySchema } from './workflow-list-schemas.ts';
import { offeringInputSchema, serviceChangeResponseSchema, serviceCreateBody, serviceListResponseSchema, serviceUpdateBody } from './service-schemas.ts';
import { teamChangeResponseSchema, teamCreateBody, teamListResponseSchema, teamMemberAddBody, teamMemberRemoveBody, teamApprovalStepSchema, teamMemberSchema, teamSchema, teamUpdateBody } from './team-schemas.ts';
import {
  connectorChangeResponseSchema,
  connectorCreateBody,
  connectorListResponseSchema,
  connectorResponseSchema,
  connectorSchema,
  connectorTypeListResponseSchema,
  connectorUpdateBody,
  connectorVariableBody,
} from './connector-schemas.ts';
import { graphEdgeSchema, graphNodeSchema, workflowGraphResponseSchema } from './graph-schemas.ts';
import { hourlyRunCountsSchema, runStatsResponseSchema, workflowRunCountsSchema } from './stats-schemas.ts';
import { templateListResponseSchema, templateSchema, useTemplateRequest, useTemplateResponseSchema } from './template-schemas.ts';
import { eventReplayBody, eventReplayResponseSchema, replayOutcomeSchema } from './event-schemas.ts';
import { eventRecoverBody, eventRecoverResponseSchema } from './event-recovery-schemas.ts';
import { runWakeResponseSchema } from './run-wake-schemas.ts';
import { savedViewRequestComponents, savedViewResponseComponents } from './saved-view-schemas.ts';
import { eventTypeListSchema, eventTypeReferenceSchema, eventTypeSummarySchema, operationParamSchema, operationReferenceListSchema, operationReferenceSchema, referenceFieldSchema, variableReferenceListSchema, variableReferenceSchema } from './reference-schemas.ts';
import {
  backtestBody,
  backtestResponseSchema,
  backtestRunsResponseSchema,
  backtestSchema,
  effectSchema,
  previewBody,
  previewResponseSchema,
  simulatedRunSchema,
  simulatedStepSchema,
} from './simulation-schemas.ts';

export const featureRequestComponents = {
  SubmitRequestRequest: submitRequestBody,
  DecideApprovalRequest: decideBody,
  DelegationRequest: delegationBody,
  EmailPreviewRequest: emailPreviewBody,
  WebhookTriggerPayload: webhookPayloadSchema,
  StripeEventPayload: stripeEventPayloadSchema,
  UseTemplateRequest: useTemplateRequest,
  SendTestEventRequest: sendTestEventBody,
  EndDelegationRequest: endDelegationBody,
  TeamMemberAddRequest: teamMemberAddBody,
  TeamMemberRemoveRequest: teamMemberRemoveBody,
  ConnectorVariableRequest: connectorVariableBody,
  TeamCreateRequest: teamCreateBody,
  TeamUpdateRequest: teamUpdateBody,
  OfferingInput: offeringInputSchema,
  ServiceCreateRequest: serviceCreateBody,
  ServiceUpdateRequest: serviceUpdateBody,
  ConnectorCreateRequest: connectorCreateBody,
  ConnectorUpdateRequest: connectorUpdateBody,
  EventReplayRequest: eventReplayBody,
  EventRecoverRequest: eventRecoverBody,
  PreviewRequest: previewBody,
  BacktestRequest: backtestBody,
  ...bulkRunRequestComponents,
  ...savedViewRequestComponents,
} as const;

export const featureResponseComponents = {
  Offering: offeringSchema,
  CatalogService: catalogServiceSchema,
  CatalogResponse: catalogResponseSchema,
  OfferingResponse: offeringResponseSchema,
  Request: requestSchema,
  SubmitRequestResponse: submitRequestResponseSchema,
  RequestListResponse: requestListResponseSchema,
  RequestDetailResponse: requestDetailResponseSchema,
  TimelineEntry: timelineEntrySchema,
  RequestTimelineResponse: requestTimelineResponseSchema,
  ApprovalTask: approvalTaskSchema,
  ApprovalDecision: approvalDecisionSchema,
  ApprovalListResponse: approvalListResponseSchema,
  ApprovalDetailResponse: approvalDetailResponseSchema,
  DelegationResponse: delegationResponseSchema,
  EventMatch: eventMatchSchema,
  EventSummary: eventSummarySchema,
  Event: eventSchema,
  EventListResponse: eventListResponseSchema,
  EventResponse: eventResponseSchema,
  OutboxMessageSummary: outboxMessageSummarySchema,
  OutboxListItem: outboxListItemSchema,
  OutboxMessage: outboxMessageSchema,
  OutboxListResponse: outboxListResponseSchema,
  OutboxMessageResponse: outboxMessageResponseSchema,
  EmailPreviewResponse: emailPreviewResponseSchema,
  WebhookInboxMessage: webhookInboxMessageSchema,
  WebhookInboxMessageDetail: webhookInboxMessageDetailSchema,
  WebhookInboxListResponse: webhookInboxListResponseSchema,
  WebhookInboxMessageResponse: webhookInboxMessageResponseSchema,
  WebhookTriggerResponse: webhookTriggerResponseSchema,
  StripeIntakeResponse: stripeIntakeResponseSchema,
  WorkflowTemplate: templateSchema,
  TemplateListResponse: templateListResponseSchema,
  UseTemplateResponse: useTemplateResponseSchema,
  WorkflowTrigger: workflowTriggerSummarySchema,
  WorkflowLastRun: workflowLastRunSchema,
  WorkflowListItem: workflowListItemSchema,
  WorkflowListResponse: workflowListPageSchema,
  SandboxStatus: sandboxStatusSchema,
  SandboxStatusResponse: sandboxStatusResponseSchema,
  SentTestEvent: sentTestEventSchema,
  SendTestEventResponse: sendTestEventResponseSchema,
  ApprovalNextStep: nextStepSchema,
  ApprovalReviewResponse: approvalReviewResponseSchema,
  Charge: chargeSchema,
  ApprovalChargeResponse: approvalChargeResponseSchema,
  ApprovalEmailsResponse: approvalEmailsResponseSchema,
  Delegation: delegationSchema,
  DelegationListResponse: delegationListResponseSchema,
  TeamMember: teamMemberSchema,
  TeamApprovalStep: teamApprovalStepSchema,
  Team: teamSchema,
  TeamListResponse: teamListResponseSchema,
  TeamChangeResponse: teamChangeResponseSchema,
  ServiceListResponse: serviceListResponseSchema,
  ServiceChangeResponse: serviceChangeResponseSchema,
  Connector: connectorSchema,
  ConnectorListResponse: connectorListResponseSchema,
  ConnectorResponse: connectorResponseSchema,
  ConnectorChangeResponse: connectorChangeResponseSchema,
  ConnectorTypeListResponse: connectorTypeListResponseSchema,
  HourlyRunCounts: hourlyRunCountsSchema,
  WorkflowRunCounts: workflowRunCountsSchema,
  RunStatsResponse: runStatsResponseSchema,
  GraphNode: graphNodeSchema,
  GraphEdge: graphEdgeSchema,
  WorkflowGraphResponse: workflowGraphResponseSchema,
  EventReplayOutcome: replayOutcomeSchema,
  EventReplayResponse: eventReplayResponseSchema,
  EventRecoverResponse: eventRecoverResponseSchema,
  RunWakeResponse: runWakeResponseSchema,
  ReferenceField: referenceFieldSchema,
  OperationParam: operationParamSchema,
  OperationReference: operationReferenceSchema,
  OperationReferenceListResponse: operationReferenceListSchema,
  EventTypeSummary: eventTypeSummarySchema,
  EventTypeListResponse: eventTypeListSchema,
  EventTypeReferenceResponse: eventTypeReferenceSchema,
  VariableReference: variableReferenceSchema,
  VariableReferenceListResponse: variableReferenceListSchema,
  SimulatedEffect: effectSchema,
  SimulatedStep: simulatedStepSchema,
  SimulatedRun: simulatedRunSchema,
  PreviewResponse: previewResponseSchema,
  Backtest: backtestSchema,
  BacktestResponse: backtestResponseSchema,
  BacktestRunsResponse: backtestRunsResponseSchema,
  ...auditResponseComponents,
  ...governanceResponseComponents,
  ...bulkRunResponseComponents,
  ...savedViewResponseComponents,
} as const;
