import { z } from 'zod';
import { none, nextFollowed, stepBaseFields } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';
import type { Step } from './index.ts';

/** The schema of a parallel step, given the schema of the steps in its branches. */
export function parallelStepSchema(step: z.ZodType<Step>) {
  return z.strictObject({
    ...stepBaseFields,
    type: z.literal('parallel').describe('parallel: run branches side by side'),
    branches: z.array(z.strictObject({ steps: z.array(step).min(1).describe('The branch\'s steps') })).min(1).describe('The branches, each a list of steps'),
    join: z.enum(['all', 'any']).default('all').describe('Go on when `all` branches are done, or when `any` one is'),
  }).meta({ description: 'Runs its branches side by side; the output is the list of each branch\'s variables, in order.' });
}
/** Its nested `steps` are declared here too: a recursive type cannot be inferred from the schema. */
export interface ParallelStep extends Omit<z.infer<ReturnType<typeof parallelStepSchema>>, 'branches'> {
  branches: { steps: Step[] }[];
}

export const parallelStep: StepDescriptor<ParallelStep> = {
  targets: none,
  ignoredNextReason: nextFollowed,
  nestedStepLists: (step, stepKeys) => step.branches.map((branch, index) => ({ steps: branch.steps, keys: [...stepKeys, 'branches', index, 'steps'], scope: 'branch' })),
  expressionSites: none,
  variables: (step) => [step.id],
  innerVariables: none,
  reference: {
    notes: 'Its output (under its id) is a list with, for each branch in order, the variables its steps set.',
    example: `kind: Workflow
id: customer-overview
trigger:
  type: manual
  input:
    - { key: customer, required: true }
steps:
  - id: lookups
    type: parallel
    join: all
    branches:
      - steps:
          - id: invoices
            type: action
            uses: stripe.invoices.list
            with: { customer: "{{ customer }}" }
      - steps:
          - id: subscriptions
            type: action
            uses: stripe.subscriptions.list
            with: { customer: "{{ customer }}" }
  - id: summary
    type: set
    values:
      invoice_count: "{{ $count(lookups[0].invoices.data) }}"
`,
  },
};
