import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { validateDocuments } from '../../../src/definition/validate-documents.ts';
import type { ValidateOptions } from '../../../src/definition/validate-documents.ts';
import type { DefinitionIssue } from '../../../src/definition/definition-issue.ts';
import { fakeOperations } from './fake-operations.ts';

/** The seed examples: the project's copies when the lead has put them there, else the shared ones. */
export const EXAMPLES_DIR = existsSync(join(import.meta.dirname, '../../../examples/customer-refund.yaml'))
  ? join(import.meta.dirname, '../../../examples')
  : '/work/shared/examples';

export const EXAMPLE_FILES = ['customer-refund.yaml', 'dispute-evidence.yaml', 'fraud-warning-refund.yaml', 'personalize-orders.yaml', 'tag-valuable-customers.yaml'];

/** Validates YAML text with the fake catalog; returns the issues (empty when valid). */
export function issuesOf(text: string, options: Partial<ValidateOptions> = {}): DefinitionIssue[] {
  const result = validateDocuments(parseDocuments(text, { source: 'test.yaml' }), { operations: fakeOperations, ...options });
  return result.ok ? [] : result.issues;
}

/** The messages of the issues. */
export function messagesOf(text: string, options: Partial<ValidateOptions> = {}): string[] {
  return issuesOf(text, options).map((issue) => issue.message);
}

/** A workflow document around the given steps (indented YAML list items), with a form trigger. */
export function workflowYaml(steps: string, trigger = 'trigger:\n  type: form\n  form:\n    - { key: refundAmount, type: number }\n    - { key: chargeId }'): string {
  return `kind: Workflow\nid: test-flow\n${trigger}\nsteps:\n${steps}`;
}
