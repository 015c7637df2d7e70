import { z } from 'zod';
import { durationSchema } from '../value-formats.ts';
import { expressionIf, none, nextFollowed, stepBaseFields } from './step-base.ts';
import type { StepDescriptor } from './step-descriptor.ts';

export const waitStepSchema = z.strictObject({
  ...stepBaseFields,
  type: z.literal('wait').describe('wait: pause the run'),
  for: durationSchema.optional().describe('How long to wait, e.g. `30s`, `2d`'),
  until: z.string().optional().describe('A JSONata expression giving the time to wait until: an ISO 8601 time or epoch milliseconds'),
}).meta({ description: 'Pauses the run for a duration (`for`) or until a time (`until`); nothing runs meanwhile and a restart does not lose the wait.' });
export type WaitStep = z.infer<typeof waitStepSchema>;

export const waitStep: StepDescriptor<WaitStep> = {
  targets: none,
  ignoredNextReason: nextFollowed,
  nestedStepLists: none,
  expressionSites: (step) => expressionIf(['until'], step.until),
  variables: none,
  innerVariables: none,
  reference: {
    notes: 'A waiting run holds no worker. Its output is `{waited_until}`. In the sandbox or with a test key, `tollgate runs wake RUN` ends the wait now, to test what follows.',
    example: `kind: Workflow
id: dispute-reminder
title: On a dispute, email finance if over 100 USD, wait 2 days, email again
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: charge
    type: action
    uses: stripe.charges.retrieve
    with: { id: "{{ object.charge }}" }
  - id: large
    type: decision
    branches:
      - when: object.currency = "usd" and object.amount > $minor(100, "usd")
        next: first_email
    otherwise: done
  - id: first_email
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Dispute of {{ $money(object.amount, object.currency) }} on charge {{ charge.id }}"
  - id: two_days
    type: wait
    for: 2d
  - id: reminder
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Reminder: dispute {{ object.id }} is still open"
  - id: done
    type: end
`,
  },
};
