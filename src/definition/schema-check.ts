import type { z } from 'zod';
import { documentSchema, stepSchema, triggerSchema } from './schema.ts';
import type { Document, Step, WorkflowDocument } from './schema.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import { definitionErrorMap, pathKey, unknownFieldMessage } from './zod-issue-message.ts';

export interface SchemaCheckResult {
  /** The document with defaults applied, when it matches the schema. */
  document?: Document;
  /**
   * When it does not: as much of it as can still be checked, so one
   * validation reports everything. Unknown fields are dropped; in a workflow,
   * a step that does not match is replaced by an `end` step with its id.
   */
  salvaged?: Document;
  /** True when steps or the trigger were replaced: checks that need the whole graph must not run. */
  partial: boolean;
}

/** Checks one document against the schema, reporting every mismatch. */
export function checkDocumentSchema(value: unknown, report: ReportIssue): SchemaCheckResult {
  const allowedFields = new Map<string, string[]>();
  const result = documentSchema.safeParse(value, { error: definitionErrorMap(allowedFields) });
  if (result.success) return { document: result.data, partial: false };
  for (const issue of result.error.issues) reportZodIssue(issue, allowedFields, report);
  return salvage(value, result.error.issues);
}

function reportZodIssue(issue: z.core.$ZodIssue, allowedFields: Map<string, string[]>, report: ReportIssue): void {
  const keys = issue.path.map(toPathKey);
  if (issue.code !== 'unrecognized_keys') {
    report(keys, issue.message);
    return;
  }
  const allowed = allowedFields.get(pathKey(issue.path));
  for (const key of issue.keys) {
    report([...keys, key], allowed === undefined ? `unknown field \`${key}\`` : unknownFieldMessage(key, allowed), { at: 'key' });
  }
}

function salvage(value: unknown, issues: readonly z.core.$ZodIssue[]): SchemaCheckResult {
  const copy: unknown = structuredClone(value);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = valueAt(copy, issue.path.map(toPathKey));
    if (isRecord(parent)) for (const key of issue.keys) delete parent[key];
  }
  const whole = documentSchema.safeParse(copy);
  if (whole.success) return { salvaged: whole.data, partial: false };
  if (!isRecord(copy) || copy.kind !== 'Workflow' || !Array.isArray(copy.steps)) return { partial: true };
  const trigger = triggerSchema.safeParse(copy.trigger);
  const steps = (copy.steps as unknown[]).map((raw, index): Step => {
    const step = stepSchema.safeParse(raw);
    if (step.success) return step.data;
    const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : `\u0000step ${index}`;
    return { id, type: 'end', status: 'succeeded' };
  });
  const workflow: WorkflowDocument = {
    kind: 'Workflow',
    id: typeof copy.id === 'string' ? copy.id : '',
    trigger: trigger.success ? trigger.data : { type: 'manual', input: [] },
    steps,
  };
  return { salvaged: workflow, partial: true };
}

function valueAt(root: unknown, keys: readonly PathKey[]): unknown {
  let node = root;
  for (const key of keys) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && typeof key === 'string') node = node[key];
    else return undefined;
  }
  return node;
}

function toPathKey(key: PropertyKey): PathKey {
  return typeof key === 'number' ? key : String(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
