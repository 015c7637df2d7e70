import { z } from 'zod';
import { none, nextFollowed, stepBaseFields } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';
import type { Step } from './index.ts';

/** The schema of a foreach step, given the schema of the steps in its body. */
export function foreachStepSchema(step: z.ZodType<Step>) {
  return z.strictObject({
    ...stepBaseFields,
    type: z.literal('foreach').describe('foreach: run steps for each item of a list'),
    items: z.string().describe('A JSONata expression giving the list'),
    as: z.string().default('item').describe('The variable each item is stored in (its index in `<as>_index`)'),
    concurrency: z.number().int().min(1).max(100).default(1).describe('How many items run at once'),
    steps: z.array(step).min(1).describe('The steps run for each item'),
    output: z.string().optional().describe('The variable the list of each iteration\'s variables is stored in; default the step id'),
  }).meta({ description: 'Runs its steps once for each item of a list; each iteration is its own scope.' });
}
/** Its nested `steps` are declared here too: a recursive type cannot be inferred from the schema. */
export interface ForeachStep extends Omit<z.infer<ReturnType<typeof foreachStepSchema>>, 'steps'> {
  steps: Step[];
}

export const foreachStep: StepDescriptor<ForeachStep> = {
  targets: none,
  ignoredNextReason: nextFollowed,
  nestedStepLists: (step, stepKeys) => [{ steps: step.steps, keys: [...stepKeys, 'steps'], scope: 'iteration' }],
  expressionSites: (step) => [{ keys: ['items'], text: step.items, form: 'expression' }],
  variables: (step) => [step.output ?? step.id],
  innerVariables: (step) => [step.as, `${step.as}_index`],
  reference: {
    notes: 'Inside, the item is the variable named by `as` and its position `<as>_index` (from 0). Its output is a list with, for each item in order, the variables its steps set.',
    example: `kind: Workflow
id: tag-customers
trigger:
  type: manual
  input:
    - { key: customers, required: true, help: "customer ids, comma separated" }
steps:
  - id: tag_each
    type: foreach
    items: $split(customers, ",")
    as: customer
    concurrency: 5
    steps:
      - id: tag
        type: action
        uses: stripe.customers.update
        with:
          id: "{{ $trim(customer) }}"
          metadata: { position: "{{ customer_index }}" }
`,
  },
};
