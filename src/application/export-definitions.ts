import type { ConnectorDocument, PolicyDocument, ServiceDocument } from '../definition/schema.ts';
import type { PolicyRecord } from '../store/policy-store.ts';
import type { ConnectorRecord, ServiceRecord, WorkflowRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { maskConnectorSecrets, maskDefinitionSecrets } from './secret-masking.ts';
import { teamDocumentOf } from './team-document.ts';

/** One exported document: the shape `apply` reads back (connector secrets masked). */
export type ExportedDocument = Record<string, unknown> & { kind: 'Workflow' | 'Team' | 'Service' | 'Connector' | 'Policy'; id: string };

/**
 * Every definition the store holds, as documents `apply` accepts: connectors
 * (secrets masked: see secret-masking.ts), teams, each workflow's latest
 * published definition (its draft when it was never published), services,
 * policies.
 * Ordered by kind, then id, so exports diff cleanly.
 */
export async function exportDefinitions(app: AppContext): Promise<ExportedDocument[]> {
  const { store } = app.engine;
  const [connectors, teams, workflows, services, policies] = await Promise.all([store.listConnectors(), store.listTeams(), store.listWorkflows(), store.listServices(), store.policies.list()]);
  const workflowDocuments = await Promise.all(byId(workflows).map((workflow) => workflowDocument(app, workflow)));
  return [
    ...byId(connectors).map(connectorDocument),
    ...byId(teams).map(teamDocumentOf),
    ...workflowDocuments.flatMap((document) => (document === undefined ? [] : [document])),
    ...byId(services).map(serviceDocument),
    ...policies.map(policyDocument),
  ];
}

async function workflowDocument(app: AppContext, workflow: WorkflowRecord): Promise<ExportedDocument | undefined> {
  const version = workflow.latestVersion > 0 ? await app.engine.store.getVersion(workflow.id, workflow.latestVersion) : undefined;
  const definition = version?.definition ?? workflow.draft;
  if (definition === null || typeof definition !== 'object') return undefined;
  return { ...(maskDefinitionSecrets(definition) as Record<string, unknown>), kind: 'Workflow', id: workflow.id };
}

function connectorDocument(connector: ConnectorRecord): ExportedDocument {
  const document: ConnectorDocument = {
    kind: 'Connector',
    id: connector.id,
    type: connector.type as ConnectorDocument['type'],
    ...(connector.title === null ? {} : { title: connector.title }),
    config: maskConnectorSecrets(connector.config),
  };
  return document;
}

function serviceDocument(service: ServiceRecord): ExportedDocument {
  const document = {
    kind: 'Service',
    id: service.id,
    title: service.title,
    ...(service.description === null ? {} : { description: service.description }),
    offerings: service.offerings as ServiceDocument['offerings'],
  } satisfies ServiceDocument;
  return document;
}

function policyDocument(policy: PolicyRecord): ExportedDocument {
  const document: PolicyDocument = {
    kind: 'Policy',
    id: policy.id,
    ...(policy.title === null ? {} : { title: policy.title }),
    ...(policy.description === null ? {} : { description: policy.description }),
    ...policy.body,
  };
  return document;
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
