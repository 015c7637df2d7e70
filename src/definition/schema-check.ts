import type { z } from 'zod';
import { documentSchema, stepSchema, triggerSchema } from './schema.ts';
import type { Document, Step, WorkflowDocument } from './schema.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import { repairToSchema } from './schema-repair.ts';
import { definitionErrorMap, pathKey, unknownFieldMessage } from './zod-issue-message.ts';

export interface SchemaCheckResult {
  /** The document with defaults applied, when it matches the schema. */
  document?: Document;
  /**
   * When it does not: as much of it as can still be checked, so one
   * validation reports everything. Unknown fields and invalid optional values
   * are dropped, missing required fields filled (schema-repair.ts); in a
   * workflow, a step that cannot be repaired is replaced by an `end` step with its id.
   */
  salvaged?: Document;
  /** Paths removed or filled in: the checks after this one must not report them again. */
  repaired: PathKey[][];
  /** True when steps or the trigger were replaced: checks that need the whole graph must not run. */
  partial: boolean;
  /** True when the trigger was replaced: what it provides is unknown, so variables cannot be checked. */
  triggerReplaced?: boolean;
}

/** Checks one document against the schema, reporting every mismatch. */
export function checkDocumentSchema(value: unknown, report: ReportIssue): SchemaCheckResult {
  const allowedFields = new Map<string, string[]>();
  const result = documentSchema.safeParse(value, { error: definitionErrorMap(allowedFields) });
  if (result.success) return { document: result.data, repaired: [], partial: false };
  for (const issue of result.error.issues) reportZodIssue(issue, allowedFields, report);
  return salvage(value);
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

function salvage(value: unknown): SchemaCheckResult {
  const whole = repairToSchema(documentSchema, value);
  if (whole.value !== undefined) return { salvaged: whole.value, repaired: whole.repaired, partial: false };
  if (!isRecord(value) || value.kind !== 'Workflow' || !Array.isArray(value.steps)) return { repaired: [], partial: true };
  // Some part cannot be repaired: repair the trigger and each step on their own, and replace what still fails.
  const repaired: PathKey[][] = [];
  let partial = false;
  const trigger = repairToSchema(triggerSchema, value.trigger);
  repaired.push(...trigger.repaired.map((keys) => ['trigger', ...keys]));
  if (trigger.value === undefined) partial = true;
  const steps = (value.steps as unknown[]).map((raw, index): Step => {
    const step = repairToSchema(stepSchema, raw);
    repaired.push(...step.repaired.map((keys) => ['steps', index, ...keys]));
    if (step.value !== undefined) return step.value;
    partial = true;
    return standIn(raw, index);
  });
  const workflow: WorkflowDocument = {
    kind: 'Workflow',
    id: typeof value.id === 'string' ? value.id : '',
    trigger: trigger.value ?? { type: 'manual', input: [] },
    steps,
  };
  return { salvaged: workflow, repaired, partial, triggerReplaced: trigger.value === undefined };
}

/**
 * What replaces a step that cannot be repaired: a `set` of the variable it
 * would provide (an action, approval or workflow step's `output`, else its
 * id), so later steps reading it are not reported; otherwise an `end` step.
 */
function standIn(raw: unknown, index: number): Step {
  const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : `\u0000step ${index}`;
  const type = isRecord(raw) ? raw.type : undefined;
  if (type !== 'action' && type !== 'approval' && type !== 'workflow') return { id, type: 'end', status: 'succeeded' };
  const output = isRecord(raw) && typeof raw.output === 'string' ? raw.output : id;
  return { id, type: 'set', values: { [output]: null } };
}

function toPathKey(key: PropertyKey): PathKey {
  return typeof key === 'number' ? key : String(key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
