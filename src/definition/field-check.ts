import { InvalidInputError } from '../core/errors.ts';
import { compileLinearPattern } from '../expression/index.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import type { Field, WorkflowDocument } from './schema.ts';
import { allSteps } from './workflow-graph.ts';

/**
 * Checks the field lists of a workflow (the form or manual trigger's fields,
 * and approval forms): keys are unique, a select field has options, min is
 * not above max, and a pattern is a regular expression the linear-time
 * engine can run (no backreferences or lookaround).
 */
export function checkWorkflowFields(workflow: WorkflowDocument, report: ReportIssue): void {
  const { trigger } = workflow;
  if (trigger.type === 'form') checkFields(trigger.form, ['trigger', 'form'], report);
  if (trigger.type === 'manual') checkFields(trigger.input, ['trigger', 'input'], report);
  for (const { step, keys } of allSteps(workflow.steps)) {
    if (step.type === 'approval' && step.form !== undefined) checkFields(step.form, [...keys, 'form'], report);
  }
}

function checkFields(fields: readonly Field[], listKeys: PathKey[], report: ReportIssue): void {
  const seen = new Map<string, number>();
  fields.forEach((field, index) => {
    const keys = [...listKeys, index];
    const earlier = seen.get(field.key);
    if (earlier === undefined) seen.set(field.key, index);
    else report([...keys, 'key'], `field key "${field.key}" is already used by field ${earlier + 1} of this list; give each field its own key`);
    if ((field.type === 'select' || field.type === 'multiselect') && (field.options === undefined || field.options.length === 0)) {
      report([...keys, 'options'], `a ${field.type} field needs \`options\`: the choices people pick from`);
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      report([...keys, 'min'], `min (${field.min}) is above max (${field.max}); swap them`);
    }
    const problem = field.pattern === undefined ? null : patternProblem(field.pattern);
    if (problem !== null) report([...keys, 'pattern'], problem);
  });
}

function patternProblem(pattern: string): string | null {
  try {
    compileLinearPattern(pattern);
    return null;
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message;
    throw error;
  }
}
