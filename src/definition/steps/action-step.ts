import { z } from 'zod';
import { durationSchema } from '../value-formats.ts';
import { none, nextFollowed, stepBaseFields, targetIf, templateSites } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

const retrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100).default(3).describe('How many attempts in all, the first included'),
  backoff: durationSchema.default('1s').describe('The delay before the first retry; it doubles each time'),
  max_delay: durationSchema.default('5m').describe('The longest delay between two attempts'),
});

export const actionStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('action').describe('action: call a connector operation'),
  uses: z.string().regex(/^[a-z]+(\.[A-Za-z]+)+$/, 'a connector operation such as stripe.refunds.create').describe('The operation to call, e.g. `stripe.refunds.create`; `tollgate operations` lists them'),
  connector: z.string().optional().describe('The connector to call it with; default the only one of the operation\'s kind'),
  with: z.record(z.string(), z.unknown()).default({}).describe('The operation\'s parameters; strings are templates (`{{ object.id }}`)'),
  output: z.string().optional().describe('The variable the result is stored in; default the step id'),
  retry: retrySchema.optional().describe('How a failure that may pass (network, 5xx, 429) is retried: {attempts, backoff, max_delay}'),
  on_error: z.string().optional().describe('The step to go to when the call fails for good, with the failure in `error`; without it the run fails'),
  timeout: durationSchema.optional().describe('The longest one attempt may take, e.g. `30s`'),
}).meta({ description: 'Calls a connector operation (Stripe, email, HTTP, webhook) with the parameters in `with`, and stores its result in `output`.' });
export type ActionStep = z.infer<typeof actionStepSchema>;

export const actionStep: StepDescriptor<ActionStep> = {
  targets: (step) => targetIf(['on_error'], step.on_error, { onError: true }),
  ignoredNextReason: nextFollowed,
  nestedStepLists: none,
  expressionSites: (step) => templateSites(step.with, ['with']),
  variables: (step) => [step.output ?? step.id],
  innerVariables: none,
  reference: {
    notes: 'Its result is stored under `output` (default the step id): `charge.amount` reads the `amount` of a step `charge`. The operations and their parameters are in [operations](operations.md).',
    example: `kind: Workflow
id: dispute-charge
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: charge
    type: action
    uses: stripe.charges.retrieve
    with:
      id: "{{ object.charge }}"
    retry: { attempts: 5, backoff: 2s }
    timeout: 30s
    on_error: lookup_failed
  - id: note
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Dispute on charge {{ charge.id }} of {{ $money(charge.amount, charge.currency) }}"
    next: done
  - id: lookup_failed
    type: end
    status: failed
    outcome: "Charge lookup failed"
  - id: done
    type: end
`,
  },
};
