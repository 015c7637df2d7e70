import type { AppContext } from '../../application/app-context.ts';
import { BacktestRegistry, type Backtest } from '../../simulation/backtest-registry.ts';
import { previewDraft } from '../../simulation/preview-draft.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  backtestBody,
  backtestParams,
  backtestResponseSchema,
  backtestRunsQuery,
  backtestRunsResponseSchema,
  previewBody,
  previewResponseSchema,
} from '../simulation-schemas.ts';

const stubbed = 'Runs the draft on the real engine over a throwaway store: nothing is saved, and every side effect is stubbed (emails rendered, refunds built from their input) unless said otherwise.';

/** Preview a draft against one event, and backtest it over stored events; backtests are kept in this process's memory. */
export function simulationRoutes(app: AppContext): ApiRoute[] {
  const backtests = new BacktestRegistry(app);
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/preview',
      operationId: 'previewDraft',
      summary: 'Preview a draft workflow: one simulated run against a sample, stored or given event (or form input)',
      description: `${stubbed} Errors in the draft answer 400 \`definition_invalid\` with issues as \`POST /api/v1/validate\` gives them.`,
      tag: 'workflows',
      permission: 'workflows.write',
      // With effects "sandbox" the run moves (sandbox) money: a client's retry with its key gets the first answer, not a second refund.
      idempotent: true,
      body: previewBody,
      status: 200,
      response: { description: 'The simulated run', schema: previewResponseSchema },
      errors: [404, 409],
      async handle({ body }) {
        const preview = await previewDraft(app, {
          definition: body.definition,
          ...(body.event === undefined ? {} : { event: body.event }),
          ...(body.event_id === undefined ? {} : { eventId: body.event_id }),
          ...(body.input === undefined ? {} : { input: body.input }),
          ...(body.live_reads === undefined ? {} : { liveReads: body.live_reads }),
          ...(body.approval === undefined ? {} : { approval: body.approval }),
          ...(body.effects === undefined ? {} : { effects: body.effects }),
        });
        return { preview };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/backtests',
      operationId: 'startBacktest',
      idempotent: true,
      summary: "Backtest a draft: replay the stored events of its trigger's type in a window (default the last 30 days) or the last N",
      description: `${stubbed} Answers at once with the running backtest; poll GET /api/v1/backtests/{id} for progress and the report.`,
      tag: 'workflows',
      permission: 'workflows.write',
      body: backtestBody,
      status: 202,
      response: { description: 'The backtest, running', schema: backtestResponseSchema },
      async handle({ body }) {
        const backtest = await backtests.start({
          definition: body.definition,
          ...(body.since === undefined ? {} : { since: body.since }),
          ...(body.until === undefined ? {} : { until: body.until }),
          ...(body.last === undefined ? {} : { last: body.last }),
          ...(body.live_reads === undefined ? {} : { liveReads: body.live_reads }),
          ...(body.approval === undefined ? {} : { approval: body.approval }),
        });
        return { backtest: serializeBacktest(backtest) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/backtests/:id',
      operationId: 'getBacktest',
      summary: 'A backtest: its progress, and its report once completed',
      tag: 'workflows',
      permission: 'workflows.write',
      params: backtestParams,
      status: 200,
      response: { description: 'The backtest', schema: backtestResponseSchema },
      errors: [404],
      handle: ({ params }) => Promise.resolve({ backtest: serializeBacktest(backtests.get(params.id)) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/backtests/:id/runs',
      operationId: 'listBacktestRuns',
      summary: "A backtest's would-be runs (events whose trigger conditions held); drill into one with POST /api/v1/preview and its event_id",
      tag: 'workflows',
      permission: 'workflows.write',
      params: backtestParams,
      query: backtestRunsQuery,
      status: 200,
      response: { description: 'One page of would-be runs', schema: backtestRunsResponseSchema },
      errors: [404],
      handle({ params, query }) {
        const page = backtests.runs(params.id, {
          limit: query.limit ?? 50,
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          ...(query.status === undefined ? {} : { status: query.status }),
        });
        return Promise.resolve({
          runs: page.runs.map((run) => ({
            event_id: run.eventId,
            event_type: run.eventType,
            event_created: run.eventCreated.toISOString(),
            status: run.status,
            outcome: run.outcome,
            path: run.path,
            effects: run.effects,
            error: run.error,
          })),
          next_cursor: page.nextCursor,
        });
      },
    }),
  ];
}

function serializeBacktest(backtest: Backtest) {
  return {
    id: backtest.id,
    status: backtest.status,
    workflow: backtest.workflow,
    event_type: backtest.eventType,
    window: backtest.window,
    progress: { ...backtest.progress },
    created_at: backtest.createdAt.toISOString(),
    finished_at: backtest.finishedAt?.toISOString() ?? null,
    report: backtest.report,
    error: backtest.error,
  };
}
