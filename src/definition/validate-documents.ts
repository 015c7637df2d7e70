import { InvalidInputError } from '../core/errors.ts';
import { checkService, checkTeam, checkTeamReferences } from './catalog-check.ts';
import { checkConnectorConfig } from './connector-config-check.ts';
import { checkConnectorUse, type LiveWorkflow } from './connector-use-check.ts';
import { formatIssue, formatPath, IssueSeverity } from './definition-issue.ts';
import type { DefinitionIssue, ReportIssue } from './definition-issue.ts';
import { checkEventTypes } from './event-type-check.ts';
import { checkWorkflowExpressions } from './expression-check.ts';
import { checkWorkflowFields } from './field-check.ts';
import { checkWorkflowOperations } from './operation-check.ts';
import type { KnownConnector } from './operation-check.ts';
import type { OperationCatalog } from './operation-spec.ts';
import type { ParsedDocument } from './parse-documents.ts';
import { checkDocumentSchema, type SchemaCheckResult } from './schema-check.ts';
import { isUnder } from './schema-repair.ts';
import { checkMoneyOverlap } from './money-overlap-check.ts';
import { checkOfferedForms, type StoredOffering } from './offered-form-check.ts';
import type { StoredWorkflowTriggers } from './offering-check.ts';
import type { Document, WorkflowDocument } from './schema.ts';
import { checkWorkflowVariables } from './variable-check.ts';
import { checkWorkflowGraph } from './workflow-graph-check.ts';
import { checkSchedule } from './schedule-check.ts';

export interface ValidateOptions {
  /** What action steps may name in `uses`. */
  operations: OperationCatalog;
  /** Connectors that exist already, besides the Connector documents being validated. */
  connectors?: readonly KnownConnector[];
  /** Workflow ids that exist already, for offerings that name a workflow not in the batch. */
  knownWorkflows?: readonly string[];
  /**
   * The store's workflows with the trigger of each published version. When
   * given, an offering's workflow must start by a form at the version it runs
   * and a pinned version must exist (offering-check.ts); left out, only the
   * batch's workflows are checked so.
   */
  storedWorkflows?: readonly StoredWorkflowTriggers[];
  /**
   * Team ids that exist already. When given, each team a workflow names (an
   * approval's assignee or escalation, an email's `{team: id}` recipient) must
   * be one of these or a Team document of the batch; when left out, teams are
   * not checked (callers that know the store's teams should pass them).
   */
  knownTeams?: readonly string[];
  /**
   * Workflows active in the store, at their active version. A workflow of the
   * batch that moves money and starts on the same Stripe event type as another
   * active one (of the store or the batch) gets a warning.
   */
  activeWorkflows?: readonly WorkflowDocument[];
  /** False when the batch's workflows will not become active (apply as drafts): they are not compared. */
  batchActivates?: boolean;
  /**
   * Every workflow active in the store, at its active version. A Connector
   * document that would break one of them (not replaced by the batch) is
   * refused (connector-use-check.ts); left out, nothing is compared.
   */
  liveWorkflows?: readonly LiveWorkflow[];
  /**
   * The offerings of the store's services. A batch workflow one of them offers
   * at `latest` that is published without a form trigger gets a warning
   * (offered-form-check.ts); left out, nothing is compared.
   */
  storedOfferings?: readonly StoredOffering[];
}

/**
 * Valid or not, with the problems: `issues` are the errors (which refuse the
 * batch), `warnings` what may be intended and is reported either way.
 */
export type ValidationResult = { ok: true; documents: Document[]; warnings: DefinitionIssue[] } | { ok: false; issues: DefinitionIssue[]; warnings: DefinitionIssue[] };

/**
 * Validates a batch of documents: each against the schema, then workflows'
 * graphs, expressions, variables and operations, and the references between
 * documents (offerings to workflows, approvals to teams, actions to connectors).
 * Every problem is collected; none stops the others from being found.
 *
 * @example
 * const result = validateDocuments(await loadDefinitionFiles(['examples/']), { operations });
 * if (!result.ok) for (const issue of result.issues) console.log(formatIssue(issue));
 */
export function validateDocuments(documents: readonly ParsedDocument[], options: ValidateOptions): ValidationResult {
  const found: FoundIssue[] = [];
  const checked: { parsed: ParsedDocument; report: ReportIssue; document: Document | undefined; valid: boolean; schema: SchemaCheckResult }[] = [];
  for (const parsed of documents) {
    const report = reporterFor(parsed, checked.length, found);
    const schema = checkDocumentSchema(parsed.value, report);
    // Later checks see repaired parts too; what they find there the schema check has reported already.
    const laterReport: ReportIssue = (keys, message, at) => {
      if (!schema.repaired.some((repaired) => isUnder(keys, repaired))) report(keys, message, at);
    };
    checked.push({ parsed, report: laterReport, document: schema.document ?? schema.salvaged, valid: schema.document !== undefined, schema });
  }
  checkDuplicateDocuments(checked);

  const raw = documents.map((parsed) => identityOf(parsed.value));
  const idsOfKind = (kind: string, known: readonly string[] = []): Set<string> =>
    new Set([...raw.filter((doc) => doc.kind === kind).flatMap((doc) => (doc.id === undefined ? [] : [doc.id])), ...known]);
  const workflows = idsOfKind('Workflow', options.knownWorkflows);
  const teams = idsOfKind('Team', options.knownTeams);
  const connectors: KnownConnector[] = [
    ...raw.flatMap((doc) => (doc.kind === 'Connector' && doc.id !== undefined && typeof doc.type === 'string' ? [{ id: doc.id, type: doc.type }] : [])),
    ...(options.connectors ?? []),
  ];

  // What offerings run: the batch's workflows as written (unless their trigger had to be replaced), and the store's.
  const batchWorkflows = new Map(checked.flatMap(({ document, schema }) => (document?.kind === 'Workflow' && schema.triggerReplaced !== true ? [[document.id, document] as const] : [])));
  const storedWorkflows = options.storedWorkflows === undefined ? undefined : new Map(options.storedWorkflows.map((workflow) => [workflow.id, workflow]));
  const liveOutsideBatch = (options.liveWorkflows ?? []).filter((live) => !raw.some((doc) => doc.kind === 'Workflow' && doc.id === live.document.id));
  for (const { document, report, schema } of checked) {
    switch (document?.kind) {
      case 'Workflow':
        // A partial workflow had steps replaced: reachability would be a guess, so it waits for a fix; so do
        // variables when the trigger (what the run starts with) was replaced.
        checkWorkflowGraph(document, report, { reachability: !schema.partial });
        checkWorkflowFields(document, report);
        checkWorkflowExpressions(document, report);
        checkSchedule(document, report);
        checkEventTypes(document, report);
        if (schema.triggerReplaced !== true) checkWorkflowVariables(document, report);
        checkWorkflowOperations(document, { operations: options.operations, connectors, report });
        if (options.knownTeams !== undefined) checkTeamReferences(document, { teams, operations: options.operations, report });
        break;
      case 'Service':
        checkService(document, { workflows, report, runs: { batch: batchWorkflows, stored: storedWorkflows, batchActivates: options.batchActivates !== false } });
        break;
      case 'Team':
        checkTeam(document, report);
        break;
      case 'Connector':
        checkConnectorConfig(document, report);
        checkConnectorUse(document, report, { operations: options.operations, stored: options.connectors ?? [], live: liveOutsideBatch });
        break;
      case 'Policy':
      case undefined:
        break;
      default: {
        const _exhaustive: never = document;
        return _exhaustive;
      }
    }
  }
  if (options.batchActivates !== false) {
    const batch = checked.flatMap(({ document, report, valid }) => (valid && document?.kind === 'Workflow' ? [{ workflow: document, report }] : []));
    checkMoneyOverlap({ operations: options.operations, batch, active: options.activeWorkflows ?? [] });
    const batchServices = new Set(raw.flatMap((doc) => (doc.kind === 'Service' && doc.id !== undefined ? [doc.id] : [])));
    checkOfferedForms({ batch, offerings: (options.storedOfferings ?? []).filter((offering) => !batchServices.has(offering.service)) });
  }
  const ordered = inReadingOrder(found);
  const errors = ordered.filter((issue) => issue.severity === IssueSeverity.error);
  const warnings = ordered.filter((issue) => issue.severity === IssueSeverity.warning);
  if (errors.length > 0) return { ok: false, issues: errors, warnings };
  return { ok: true, documents: checked.flatMap((entry) => (entry.valid && entry.document !== undefined ? [entry.document] : [])), warnings };
}

/**
 * Validates, and returns the documents (with defaults applied) when they are valid.
 * @throws InvalidInputError `definition_invalid` whose message lists every problem, one per line, and whose `issues` hold them.
 */
export function assertValid(documents: readonly ParsedDocument[], options: ValidateOptions): Document[] {
  const result = validateDocuments(documents, options);
  if (result.ok) return result.documents;
  const count = result.issues.length === 1 ? '1 problem' : `${result.issues.length} problems`;
  const lines = result.issues.map((issue) => `  ${formatIssue(issue)}`);
  throw new InvalidInputError('definition_invalid', [`${count} in the definition:`, ...lines].join('\n'), result.issues, {
    path: result.issues[0]?.path,
  });
}

interface FoundIssue {
  issue: DefinitionIssue;
  /** Document number in the batch, then line and column (0 when unknown), then the order found. */
  order: [number, number, number, number];
}

function reporterFor(parsed: ParsedDocument, documentNumber: number, found: FoundIssue[]): ReportIssue {
  const { kind, id } = identityOf(parsed.value);
  const document = `${kind ?? 'document'} ${id ?? `#${parsed.index + 1}`}`;
  return (keys, message, options) => {
    const path = formatPath(keys);
    const position = parsed.locate(keys, options);
    const issue: DefinitionIssue = {
      document,
      keys: [...keys],
      path: path === '' ? document : `${document}: ${path}`,
      message: path === '' ? message : `${path}: ${message}`,
      severity: options?.severity ?? IssueSeverity.error,
    };
    if (position !== undefined) issue.location = `${parsed.source ?? '<input>'}:${position.line}:${position.column}`;
    else if (parsed.source !== undefined) issue.location = parsed.source;
    found.push({ issue, order: [documentNumber, position?.line ?? 0, position?.column ?? 0, found.length] });
  };
}

/** Issues by document, then by place in the file, so they read top to bottom. */
function inReadingOrder(found: readonly FoundIssue[]): DefinitionIssue[] {
  const compare = (a: FoundIssue, b: FoundIssue): number => {
    for (let index = 0; index < a.order.length; index += 1) {
      const difference = (a.order[index] ?? 0) - (b.order[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  };
  return [...found].sort(compare).map((entry) => entry.issue);
}

function checkDuplicateDocuments(checked: readonly { parsed: ParsedDocument; report: ReportIssue }[]): void {
  const seen = new Map<string, ParsedDocument>();
  for (const { parsed, report } of checked) {
    const { kind, id } = identityOf(parsed.value);
    if (kind === undefined || id === undefined) continue;
    const earlier = seen.get(`${kind}\u0000${id}`);
    if (earlier === undefined) {
      seen.set(`${kind}\u0000${id}`, parsed);
      continue;
    }
    const where = `${earlier.source === undefined ? '' : `${earlier.source} `}document ${earlier.index + 1}`;
    report(['id'], `${kind} "${id}" is defined twice (also in ${where}); give each ${kind} its own id or remove one`);
  }
}

function identityOf(value: unknown): { kind: string | undefined; id: string | undefined; type: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: undefined, id: undefined, type: undefined };
  const record = value as Record<string, unknown>;
  return {
    kind: typeof record.kind === 'string' ? record.kind : undefined,
    id: typeof record.id === 'string' ? record.id : undefined,
    type: record.type,
  };
}
