import type { AppContext } from '../../application/app-context.ts';
import { runReaderOf } from '../../application/run-access.ts';
import { runStats } from '../../application/run-stats.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { runStatsQuery, runStatsResponseSchema } from '../stats-schemas.ts';

/** Counts for the home page's charts. */
export function statsRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/stats/runs',
      operationId: 'getRunStats',
      permission: 'runs.read',
      summary: 'Runs started per hour and per workflow over the last days, with how many succeeded and failed',
      description:
        "Each run counts in the hour it started (UTC); its succeeded or failed count is its status now. Without `requests.read_all`, the runs of other people's catalog requests are not counted, as in GET /api/v1/runs.",
      tag: 'runs',
      query: runStatsQuery,
      status: 200,
      response: { description: 'Hourly and per-workflow run counts', schema: runStatsResponseSchema },
      async handle({ query, request }) {
        const stats = await runStats(app, { days: query.days, visibleTo: runReaderOf(request.caller) });
        return {
          since: stats.since.toISOString(),
          hours: stats.hours.map(({ hour, started, succeeded, failed }) => ({ hour: hour.toISOString(), started, succeeded, failed })),
          workflows: stats.workflows.map(({ workflowId, title, started, succeeded, failed }) => ({ workflow: workflowId, title, started, succeeded, failed })),
        };
      },
    }),
  ];
}
