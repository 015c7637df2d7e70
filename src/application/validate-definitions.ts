import { InvalidInputError, TollgateError } from '../core/errors.ts';
import { formatIssue, type DefinitionIssue } from '../definition/definition-issue.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { ParsedDocument } from '../definition/parse-documents.ts';
import { storedOfferings } from '../definition/offered-form-check.ts';
import type { StoredWorkflowTriggers } from '../definition/offering-check.ts';
import type { ConnectorDocument, Document, TriggerType } from '../definition/schema.ts';
import { validateDocuments, type ValidateOptions } from '../definition/validate-documents.ts';
import type { WorkflowRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';

/**
 * What validation knows of the store: the connectors, workflows (with the
 * trigger of each version of those the batch's offerings name) and teams that exist already, and
 * the active workflows' definitions (to warn about two that move money on the
 * same event, and to refuse a connector change that breaks one), and the
 * services' offerings (to warn when a workflow they offer loses its form).
 * `batchActivates: false` for a draft apply.
 */
export async function definitionValidationOptions(app: AppContext, parsed: readonly ParsedDocument[], options: { batchActivates?: boolean } = {}): Promise<ValidateOptions> {
  const { store, definitions } = app.engine;
  // Only the workflows the batch's offerings name: reading every version of every workflow would churn the definition cache.
  const offered = offeredWorkflowIds(parsed);
  const [connectors, workflows, teams, services] = await Promise.all([store.listConnectors(), store.listWorkflows(), store.listTeams(), store.listServices()]);
  const live = workflows.flatMap((workflow) => (workflow.status === WorkflowStatus.active && workflow.activeVersion !== null ? [{ id: workflow.id, version: workflow.activeVersion, triggerType: workflow.triggerType }] : []));
  const liveWorkflows = await Promise.all(live.map(async (workflow) => ({ ...workflow, document: await definitions.get(workflow.id, workflow.version) })));
  return {
    operations: app.catalog,
    connectors: connectors.map((connector) => ({ id: connector.id, type: connector.type as ConnectorDocument['type'] })),
    knownWorkflows: workflows.map((workflow) => workflow.id),
    storedWorkflows: await Promise.all(workflows.filter((workflow) => offered.has(workflow.id)).map((workflow) => workflowTriggers(app, workflow))),
    knownTeams: teams.map((team) => team.id),
    activeWorkflows: liveWorkflows.filter((workflow) => workflow.triggerType === 'event').map((workflow) => workflow.document),
    liveWorkflows,
    storedOfferings: storedOfferings(services),
    batchActivates: options.batchActivates ?? true,
  };
}

/** The workflows the batch's Service documents offer (read from the raw documents: validation has not run yet). */
function offeredWorkflowIds(parsed: readonly ParsedDocument[]): Set<string> {
  const ids = new Set<string>();
  for (const { value } of parsed) {
    const document = value as { kind?: unknown; offerings?: unknown } | null;
    if (document?.kind !== 'Service' || !Array.isArray(document.offerings)) continue;
    for (const offering of document.offerings as unknown[]) {
      const workflow = (offering as { workflow?: unknown } | null)?.workflow;
      if (typeof workflow === 'string') ids.add(workflow);
    }
  }
  return ids;
}

/**
 * The trigger of each published version of a workflow, and what `latest` runs (as the catalog resolves it:
 * the active version, else the newest, else the draft). Published versions are parsed once per process by
 * the definition cache.
 */
async function workflowTriggers(app: AppContext, workflow: WorkflowRecord): Promise<StoredWorkflowTriggers> {
  const numbers = Array.from({ length: workflow.latestVersion }, (_, index) => index + 1);
  const triggers = await Promise.all(numbers.map((version) => triggerOfVersion(app, workflow.id, version)));
  const versions = new Map<number, TriggerType>(triggers.flatMap((trigger, index) => (trigger === undefined ? [] : [[index + 1, trigger] as const])));
  const runs = workflow.activeVersion ?? (workflow.latestVersion > 0 ? workflow.latestVersion : null);
  const latest = runs === null ? (workflow.draft?.trigger.type ?? null) : (versions.get(runs) ?? null);
  return { id: workflow.id, newest: workflow.latestVersion, versions, latest };
}

/** A stored version this build cannot read (a newer format, a broken row) is left unjudged: it must not stop every apply. */
async function triggerOfVersion(app: AppContext, workflowId: string, version: number): Promise<TriggerType | undefined> {
  try {
    return (await app.engine.definitions.get(workflowId, version)).trigger.type;
  } catch (error) {
    if (error instanceof TollgateError) return undefined;
    throw error;
  }
}

/**
 * Validates definitions as `applyDefinitions` would, against what the store
 * holds, and saves nothing. Returns the documents and the warnings.
 * @throws InvalidInputError `definition_invalid` whose `issues` hold every error.
 */
export async function validateDefinitions(app: AppContext, parsed: readonly ParsedDocument[]): Promise<{ documents: Document[]; warnings: DefinitionIssue[] }> {
  const validation = validateDocuments(parsed, await definitionValidationOptions(app, parsed));
  if (validation.ok) return { documents: validation.documents, warnings: validation.warnings };
  throw new InvalidInputError(
    'definition_invalid',
    `${validation.issues.length} problem(s) in the definitions:\n${validation.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`,
    validation.issues,
    { path: validation.issues[0]?.path },
  );
}
