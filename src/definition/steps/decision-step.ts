import { z } from 'zod';
import { none, stepBaseFields } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

export const decisionStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('decision').describe('decision: choose the next step by conditions'),
  branches: z.array(z.strictObject({
    when: z.string().describe('A JSONata condition'),
    next: z.string().describe('The step to go to when it is true'),
  })).min(1).describe('Conditions tried in order; the first true one chooses the next step'),
  otherwise: z.string({ error: 'a decision needs `otherwise`: the step to go to when no branch matches' }).describe('The step to go to when no branch matches'),
}).meta({ description: 'Goes to the `next` of the first branch whose `when` is true, or to `otherwise`.' });
export type DecisionStep = z.infer<typeof decisionStepSchema>;

export const decisionStep: StepDescriptor<DecisionStep> = {
  targets: (step) => [
    ...step.branches.map((branch, index) => ({ keys: ['branches', index, 'next'], target: branch.next, onError: false })),
    { keys: ['otherwise'], target: step.otherwise, onError: false },
  ],
  ignoredNextReason: () => 'a decision goes only to its branches or `otherwise`',
  nestedStepLists: none,
  expressionSites: (step) => step.branches.map((branch, index) => ({ keys: ['branches', index, 'when'], text: branch.when, form: 'expression' })),
  variables: none,
  innerVariables: none,
  reference: {
    example: `kind: Workflow
id: route-dispute
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: size
    type: decision
    branches:
      - when: object.amount >= $minor(1000, object.currency)
        next: large
      - when: object.reason = "fraudulent"
        next: fraud
    otherwise: small
  - id: large
    type: end
    outcome: Large
  - id: fraud
    type: end
    outcome: Fraud
  - id: small
    type: end
    outcome: Small
`,
  },
};
