/** Request and response schemas of the run statistics route (the home page's charts). */
import { z } from 'zod';
import { DEFAULT_STATS_DAYS, MAX_STATS_DAYS } from '../application/run-stats.ts';

const time = z.iso.datetime();

export const runStatsQuery = z.strictObject({
  days: z.coerce.number().int().min(1).max(MAX_STATS_DAYS).default(DEFAULT_STATS_DAYS).meta({ description: `How many days back to count, 1 to ${MAX_STATS_DAYS}` }),
});

const counts = {
  started: z.number().int().meta({ description: 'Runs started' }),
  succeeded: z.number().int().meta({ description: 'Of those, the runs that have succeeded' }),
  failed: z.number().int().meta({ description: 'Of those, the runs that have failed' }),
};

export const hourlyRunCountsSchema = z.object({ hour: time.meta({ description: 'The start of the hour (UTC)' }), ...counts });
export const workflowRunCountsSchema = z.object({ workflow: z.string(), title: z.string().nullable(), ...counts });

export const runStatsResponseSchema = z.object({
  since: time.meta({ description: 'The start of the first hour counted' }),
  hours: z.array(hourlyRunCountsSchema).meta({ description: 'Every hour of the window, oldest first; each run counts in the hour it started' }),
  workflows: z.array(workflowRunCountsSchema).meta({ description: 'The workflows that started runs in the window, most runs first' }),
});

export type RunStatsBody = z.output<typeof runStatsResponseSchema>;
