/** The answer of GET /api/v1/requests/:id/timeline: what happened to a request, oldest first. */
import { z } from 'zod';
import { AttemptStatus, RunStatus } from '../core/statuses.ts';

const time = z.iso.datetime();
const person = z.object({ email: z.string(), name: z.string().nullable().meta({ description: "The user's or team member's name, when known" }) });
const stepPart = {
  step: z.string().meta({ description: "The step's path in the run" }),
  title: z.string().meta({ description: "The step's title, else its id in words (`tell_denied` → `Tell denied`)" }),
};

export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submitted'), at: time, by: person }),
  z.object({
    kind: z.literal('approval_waiting'),
    at: time,
    ...stepPart,
    team: z.object({ id: z.string(), title: z.string() }).nullable().meta({ description: 'The team the task is assigned to; null when it names users' }),
    due_at: time.nullable(),
  }),
  z.object({
    kind: z.literal('approval_decided'),
    at: time,
    ...stepPart,
    decision: z.enum(['approved', 'rejected']),
    by: person,
    on_behalf_of: person.nullable().meta({ description: 'Whose task a delegate decided' }),
    comment: z.string().nullable(),
  }),
  z.object({ kind: z.literal('approval_timed_out'), at: time, ...stepPart }),
  z.object({
    kind: z.literal('action'),
    at: time,
    ...stepPart,
    operation: z.string().meta({ description: 'The connector operation, e.g. `stripe.refunds.create`' }),
    status: z.enum(AttemptStatus),
    reference: z.string().nullable().meta({ description: 'The id of what the action created, e.g. the refund `re_...`' }),
    error: z.string().nullable(),
  }),
  z.object({ kind: z.literal('message'), at: time, ...stepPart, operation: z.string(), to: z.string().nullable(), subject: z.string().nullable() }),
  z.object({ kind: z.literal('ended'), at: time, status: z.enum(RunStatus), outcome: z.string().nullable(), error: z.string().nullable().meta({ description: 'Why the run failed' }) }),
]);

export const requestTimelineResponseSchema = z.object({
  timeline: z.array(timelineEntrySchema).meta({ description: 'Oldest first: submitted, approvals asked for and decided, actions, messages sent, the end' }),
});

export type TimelineEntryBody = z.output<typeof timelineEntrySchema>;
