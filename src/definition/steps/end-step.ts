import { z } from 'zod';
import { none, stepBaseFields } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

export const endStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('end').describe('end: end the run'),
  outcome: z.string().optional().describe('A name for how the run ended, such as `Refunded`'),
  status: z.enum(['succeeded', 'failed', 'cancelled']).default('succeeded').describe('The run\'s final status'),
}).meta({ description: 'Ends the run with a status and an outcome.' });
export type EndStep = z.infer<typeof endStepSchema>;

export const endStep: StepDescriptor<EndStep> = {
  targets: none,
  ignoredNextReason: () => 'an end step ends the run',
  nestedStepLists: none,
  expressionSites: none,
  variables: none,
  innerVariables: none,
  reference: {
    example: `kind: Workflow
id: close-small-disputes
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: small
    type: decision
    branches:
      - when: object.amount < 500
        next: ignore
    otherwise: escalate
  - id: ignore
    type: end
    outcome: Ignored
    status: cancelled
  - id: escalate
    type: end
    outcome: Escalated
`,
  },
};
