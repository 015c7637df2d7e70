import { z } from 'zod';
import { none, nextFollowed, stepBaseFields, templateSites } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

export const setStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('set').describe('set: assign variables'),
  values: z.record(z.string(), z.unknown()).describe('Variable names and their values; strings are templates'),
}).meta({ description: 'Assigns variables: each key of `values` becomes a variable, computed from templates.' });
export type SetStep = z.infer<typeof setStepSchema>;

export const setStep: StepDescriptor<SetStep> = {
  targets: none,
  ignoredNextReason: nextFollowed,
  nestedStepLists: none,
  expressionSites: (step) => templateSites(step.values, ['values']),
  variables: (step) => Object.keys(step.values),
  innerVariables: none,
  reference: {
    example: `kind: Workflow
id: compute-refund
trigger:
  type: manual
  input:
    - { key: amount, type: money, required: true }
steps:
  - id: compute
    type: set
    values:
      minor: "{{ $minor(amount, 'usd') }}"
      label: "{{ $money($minor(amount, 'usd'), 'usd') }}"
  - id: tell
    type: action
    uses: email.send
    with:
      to: finance@example.com
      subject: "Refunding {{ label }} ({{ minor }} cents)"
`,
  },
};
