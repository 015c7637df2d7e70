/** Request and response schemas of POST /api/v1/runs/retry and /api/v1/runs/cancel (bulk-run-routes.ts). */
import { z } from 'zod';
import { BULK_SKIP_REASONS } from '../application/bulk-run-actions.ts';
import { BULK_RUN_LIMIT } from '../application/bulk-run-selection.ts';
import { RunStatus } from '../core/statuses.ts';
import { runListQuery } from './request-schemas.ts';

/** The runs list's filters (GET /api/v1/runs), without its paging. */
export const bulkRunFilter = runListQuery
  .omit({ limit: true, cursor: true })
  .refine((filter) => Object.values(filter).some((value) => value !== undefined), {
    message: 'give at least one filter (workflow, status, created_after, created_before, ...): an empty filter would act on every run',
  })
  .meta({ description: 'The filters of GET /api/v1/runs (at least one): the runs it lists, newest first' });

export const bulkRunBody = z
  .strictObject({
    runs: z
      .array(z.string().min(1).max(255))
      .min(1)
      .max(BULK_RUN_LIMIT, { error: (issue) => `at most ${BULK_RUN_LIMIT} run ids per call; ${Array.isArray(issue.input) ? issue.input.length : 'more'} were sent: send them in parts` })
      .refine((ids) => repeated(ids) === undefined, { error: (issue) => `${repeated(issue.input as string[]) ?? 'a run'}: name each run once` })
      .optional()
      .meta({ description: `Run ids (\`run_...\`), at most ${BULK_RUN_LIMIT}; give \`runs\` or \`filter\`` }),
    filter: bulkRunFilter.optional(),
    preview: z.boolean().default(false).meta({ description: 'Say what would be done, run by run, and do nothing' }),
  })
  .refine((body) => body.runs !== undefined || body.filter !== undefined, { message: 'give `runs` (a list of run ids) or `filter` (the filters of GET /api/v1/runs)' })
  .refine((body) => body.runs === undefined || body.filter === undefined, { path: ['filter'], message: 'give `runs` or `filter`, not both' })
  .meta({ description: `Runs named by id, or matched by the runs list's filters; at most ${BULK_RUN_LIMIT} a call` });

/** The first id listed twice and where, e.g. `run_a is listed at 0 and 2`; undefined when each is listed once. */
function repeated(ids: readonly string[]): string | undefined {
  const seen = new Map<string, number>();
  for (const [index, id] of ids.entries()) {
    const first = seen.get(id);
    if (first !== undefined) return `${id} is listed at ${first} and ${index}`;
    seen.set(id, index);
  }
  return undefined;
}

const runStatus = z.enum(RunStatus);

export const bulkRunOutcomeSchema = z.discriminatedUnion('result', [
  z.object({
    id: z.string(),
    result: z.enum(['retried', 'cancelled', 'would_retry', 'would_cancel']).meta({ description: '`would_…` in a preview' }),
    workflow: z.string(),
    status: runStatus.meta({ description: 'The run\'s status after the change (in a preview: now)' }),
  }),
  z.object({
    id: z.string(),
    result: z.literal('skipped'),
    reason: z.enum(BULK_SKIP_REASONS).meta({ description: 'The error code the single-run call answers for this run' }),
    message: z.string(),
    workflow: z.string().nullable().meta({ description: 'Null when no run has this id' }),
    status: runStatus.nullable(),
  }),
]);

export const bulkRunResponseSchema = z.object({
  bulk: z.string().nullable().meta({ description: "The call's id (`bulk_...`), in the detail of each audit entry it wrote; null for a preview" }),
  action: z.enum(['retry', 'cancel']),
  preview: z.boolean(),
  matched: z.number().int().meta({ description: 'How many runs were named or matched' }),
  done: z.number().int().meta({ description: 'How many were retried or cancelled (in a preview: would be)' }),
  skipped: z.number().int(),
  skipped_by_reason: z.partialRecord(z.enum(BULK_SKIP_REASONS), z.number().int()).meta({ description: 'The skipped runs counted by reason' }),
  runs: z.array(bulkRunOutcomeSchema).meta({ description: 'Each run, in the order named, or newest first for a filter' }),
});

export type BulkRunResponse = z.output<typeof bulkRunResponseSchema>;

export const bulkRunRequestComponents = { BulkRunRequest: bulkRunBody, BulkRunFilter: bulkRunFilter } as const;
export const bulkRunResponseComponents = { BulkRunOutcome: bulkRunOutcomeSchema, BulkRunResponse: bulkRunResponseSchema } as const;
