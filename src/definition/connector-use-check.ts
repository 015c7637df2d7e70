import { formatPath, type ReportIssue } from './definition-issue.ts';
import { checkWorkflowOperations, type KnownConnector } from './operation-check.ts';
import type { OperationCatalog } from './operation-spec.ts';
import type { ConnectorDocument, WorkflowDocument } from './schema.ts';

/** A workflow that runs now, at the version it runs. */
export interface LiveWorkflow {
  version: number;
  document: WorkflowDocument;
}

export interface ConnectorUseCheckOptions {
  operations: OperationCatalog;
  /** The connectors the store holds now. */
  stored: readonly KnownConnector[];
  /** Active workflows of the store that the batch does not replace. */
  live: readonly LiveWorkflow[];
}

/**
 * Refuses a Connector document that would break an active workflow: one whose
 * steps check against the store's connectors but not once this document is
 * applied (its type changed under a step that names it, or a second connector
 * of a type makes a step that names none ambiguous). Such a step would fail at
 * run time, so apply answers now, at the document's `type`.
 */
export function checkConnectorUse(document: ConnectorDocument, report: ReportIssue, options: ConnectorUseCheckOptions): void {
  const after = [...options.stored.filter((connector) => connector.id !== document.id), { id: document.id, type: document.type }];
  for (const { version, document: workflow } of options.live) {
    const before = new Set(operationProblems(workflow, options.operations, options.stored));
    for (const problem of operationProblems(workflow, options.operations, after)) {
      if (before.has(problem)) continue;
      report(['type'], `the active workflow "${workflow.id}" (version ${version}) would break: ${problem}. Change the workflow first (name its connector in the step), or keep this connector as it is`);
    }
  }
}

function operationProblems(workflow: WorkflowDocument, operations: OperationCatalog, connectors: readonly KnownConnector[]): string[] {
  const problems: string[] = [];
  checkWorkflowOperations(workflow, {
    operations,
    connectors,
    report: (keys, message) => problems.push(`${formatPath(keys)}: ${message}`),
  });
  return problems;
}
