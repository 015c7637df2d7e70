import { z } from 'zod';
import { none, nextFollowed, stepBaseFields, templateSites } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

export const workflowStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('workflow').describe('workflow: run another workflow'),
  workflow: z.string().describe('The id of the workflow to run'),
  input: z.record(z.string(), z.unknown()).default({}).describe('Its input fields; strings are templates'),
  output: z.string().optional().describe('The variable {run_id, status, outcome, variables} is stored in; default the step id'),
}).meta({ description: 'Runs another workflow with the given input (its fields) and waits for it to end; the output holds its status, outcome and variables.' });
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowStep: StepDescriptor<WorkflowStep> = {
  targets: none,
  ignoredNextReason: nextFollowed,
  nestedStepLists: none,
  expressionSites: (step) => templateSites(step.input, ['input']),
  variables: (step) => [step.output ?? step.id],
  innerVariables: none,
  reference: {
    notes: 'Its output is `{run_id, status, outcome, variables}` of the run it started.',
    example: `kind: Workflow
id: dispute-with-refund
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: refund
    type: workflow
    workflow: refund-charge
    input:
      charge: "{{ object.charge }}"
      amount: 10
  - id: outcome
    type: decision
    branches:
      - when: refund.status = "succeeded"
        next: done
    otherwise: failed
  - id: done
    type: end
    outcome: "Refunded ({{ refund.outcome }})"
  - id: failed
    type: end
    status: failed
`,
  },
};
