/** Response schemas of a run's path and waits (run-path.ts), part of the run detail answer. */
import { z } from 'zod';
import { WaitKind } from '../application/run-path.ts';
import { AttemptStatus } from '../core/statuses.ts';

const time = z.iso.datetime();

export const pathEntrySchema = z.object({
  step: z.string().meta({ description: "A top-level step's path; steps inside a parallel or foreach are counted in `scopes`" }),
  type: z.string(),
  title: z.string().nullable(),
  visit: z.number().int(),
  status: z.enum(AttemptStatus).meta({ description: "The visit's latest attempt's status" }),
  attempts: z.number().int().meta({ description: 'Attempts in this visit (1 without retries)' }),
  started_at: time,
  finished_at: time.nullable(),
  branch: z
    .object({
      taken: z.union([z.number().int(), z.literal('otherwise')]).meta({ description: 'The index of the first branch whose `when` was true, or `otherwise`' }),
      when: z.string().nullable().meta({ description: "That branch's condition; null for `otherwise`" }),
      next: z.string().nullable(),
    })
    .nullable()
    .meta({ description: 'For a decision that ran: the branch it took' }),
  decision: z.string().nullable().meta({ description: "For an approval: its decision (`approved`, `rejected`, `timed_out`) once made" }),
  scopes: z
    .object({
      total: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      open: z.number().int().meta({ description: 'Started and not ended' }),
    })
    .nullable()
    .meta({ description: 'For a parallel or foreach: its branches or items by how their steps stand' }),
});

export const runWaitSchema = z.object({
  step: z.string(),
  kind: z.enum(WaitKind).meta({ description: '`timer` a wait step, `approval` an approval task, `child_run` a workflow step' }),
  until: time.nullable().meta({ description: "When the wait ends by itself: the timer's wake time, the approval's timeout; null when only a decision or another run ends it" }),
  task: z.string().nullable().meta({ description: 'The approval task' }),
  team: z.string().nullable().meta({ description: "The approval's assignee team, null when assigned to users" }),
  approvers: z.array(z.string()).meta({ description: 'Who may decide the approval' }),
  child_run: z.string().nullable(),
});

export type PathEntryBody = z.output<typeof pathEntrySchema>;
export type RunWaitBody = z.output<typeof runWaitSchema>;
