import { errorsPage } from './errors-page.ts';
import { expressionsPage } from './expressions-page.ts';
import { operationsPage } from './operation-page.ts';
import { STEP_TYPES } from '../definition/steps/index.ts';
import { stepSection } from './step-page.ts';
import { TRIGGER_TYPES, triggerSection } from './trigger-page.ts';
import { variablesPage } from './variables-page.ts';

/** One thing `tollgate docs NAME` prints: a trigger type, a step type, or a page. */
export interface ReferenceTopic {
  name: string;
  summary: string;
  /** The docs/ file that holds the same text. */
  file: string;
  render(): string;
}

/** Every topic, triggers first, then steps, then the pages. */
export function referenceTopics(): ReferenceTopic[] {
  return [
    ...TRIGGER_TYPES.map((type) => ({ name: type, summary: `the ${type} trigger`, file: 'docs/triggers.md', render: () => triggerSection(type) })),
    ...STEP_TYPES.map((type) => ({ name: type, summary: `the ${type} step`, file: 'docs/steps.md', render: () => stepSection(type) })),
    { name: 'operations', summary: 'what action steps may use, with their parameters', file: 'docs/operations.md', render: operationsPage },
    { name: 'variables', summary: 'the variables in scope', file: 'docs/variables.md', render: variablesPage },
    { name: 'expressions', summary: 'expressions, templates and helper functions', file: 'docs/expressions.md', render: expressionsPage },
    { name: 'errors', summary: 'the error codes', file: 'docs/errors.md', render: errorsPage },
  ];
}
