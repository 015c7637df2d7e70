import { listChoices, suggestion } from './did-you-mean.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import type { OperationCatalog, OperationSpec } from './operation-spec.ts';
import type { ActionStep, WorkflowDocument } from './schema.ts';
import { stepLists } from './workflow-graph.ts';

/** A connector an action step may name: from a Connector document or from the store. */
export interface KnownConnector {
  id: string;
  /** A connector type such as `stripe`; compared with each operation's `connectorType`. */
  type: string;
}

export interface OperationCheckOptions {
  operations: OperationCatalog;
  connectors: readonly KnownConnector[];
  report: ReportIssue;
}

/**
 * Checks each action step against the operation catalog: the operation exists,
 * required parameters are given, no unknown parameter is passed, and the named
 * connector exists and has the type the operation needs.
 */
export function checkWorkflowOperations(workflow: WorkflowDocument, options: OperationCheckOptions): void {
  for (const list of stepLists(workflow.steps)) {
    list.steps.forEach((step, index) => {
      if (step.type !== 'action') return;
      const stepKeys = [...list.keys, index];
      const spec = options.operations.get(step.uses);
      if (spec === undefined) {
        options.report([...stepKeys, 'uses'], unknownOperationMessage(step.uses, [...options.operations.keys()]));
        return;
      }
      checkParams(step, spec, stepKeys, options.report);
      checkConnector(step, spec, stepKeys, options);
    });
  }
}

function unknownOperationMessage(uses: string, names: readonly string[]): string {
  const hint = suggestion(uses, names);
  if (hint !== '') return `no operation "${uses}"${hint}`;
  const prefix = `${uses.split('.')[0] ?? uses}.`;
  const related = names.filter((name) => name.startsWith(prefix)).sort();
  if (related.length > 0) return `no operation "${uses}"; the ${prefix.slice(0, -1)} operations are ${listChoices(related)}`;
  const prefixes = [...new Set(names.map((name) => `${name.split('.')[0] ?? name}.`))].sort();
  return `no operation "${uses}"; operations start with ${listChoices(prefixes)}`;
}

function checkParams(step: ActionStep, spec: OperationSpec, stepKeys: PathKey[], report: ReportIssue): void {
  const declared = Object.keys(spec.params);
  for (const [name, param] of Object.entries(spec.params)) {
    if (param.required === true && !(name in step.with)) {
      report([...stepKeys, 'with'], `missing required parameter "${name}" of ${spec.name}; add it under \`with\``);
    }
  }
  for (const [name, param] of Object.entries(spec.params)) {
    if (param.fields !== undefined) checkFields(step.with[name], param.fields, { stepKeys: [...stepKeys, 'with', name], what: `${spec.name} ${name}`, report });
  }
  if (spec.additionalParams === true) return;
  for (const name of Object.keys(step.with)) {
    if (name in spec.params) continue;
    const hint = suggestion(name, declared);
    const known = hint !== '' ? hint : declared.length === 0 ? `; ${spec.name} takes no parameters` : `; it takes ${listChoices(declared)}`;
    report([...stepKeys, 'with', name], `unknown parameter "${name}" of ${spec.name}${known}`, { at: 'key' });
  }
}

/** The keys of a literal object given to a parameter that lists its fields (a template is checked when the run renders it). */
function checkFields(value: unknown, fields: Readonly<Record<string, unknown>>, at: { stepKeys: PathKey[]; what: string; report: ReportIssue }): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const declared = Object.keys(fields);
  for (const key of Object.keys(value)) {
    if (key in fields) continue;
    const hint = suggestion(key, declared);
    at.report([...at.stepKeys, key], `unknown field "${key}" of ${at.what}${hint !== '' ? hint : `; it takes ${listChoices(declared)}`}`, { at: 'key' });
  }
}

function checkConnector(step: ActionStep, spec: OperationSpec, stepKeys: PathKey[], options: OperationCheckOptions): void {
  const keys = [...stepKeys, 'connector'];
  const type = spec.connectorType;
  if (step.connector === undefined) {
    if (type === null || spec.connectorOptional === true) return;
    const candidates = options.connectors.filter((connector) => connector.type === type).map((connector) => connector.id);
    const unique = [...new Set(candidates)];
    if (unique.length > 1) {
      options.report(keys, `several ${type} connectors exist (${listChoices(unique)}); name the one ${spec.name} should use with \`connector\``);
    }
    return;
  }
  if (type === null) {
    options.report(keys, `${spec.name} takes no connector; remove \`connector\``);
    return;
  }
  const named = options.connectors.filter((connector) => connector.id === step.connector);
  if (named.length === 0) {
    const hint = suggestion(step.connector, options.connectors.filter((connector) => connector.type === type).map((connector) => connector.id));
    options.report(keys, `no connector "${step.connector}"${hint}; define a Connector document with this id and type ${type}`);
  } else if (!named.some((connector) => connector.type === type)) {
    const actual = named[0]?.type ?? 'other';
    options.report(keys, `connector "${step.connector}" is a ${actual} connector, but ${spec.name} needs a ${type} connector`);
  }
}
