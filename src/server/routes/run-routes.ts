import type { AppContext } from '../../application/app-context.ts';
import { auditActorOf } from '../../identity/audit-actor.ts';
import { listRuns } from '../../application/list-runs.ts';
import { runStepTitles } from '../../application/step-titles.ts';
import { runReaderOf } from '../../application/run-access.ts';
import { cancelRun, invokeWorkflow, retryRun, runDetail } from '../../application/run-admin.ts';
import { wakeRun } from '../../application/wake-run.ts';
import { authenticatedCaller } from '../caller-email.ts';
import { runWakeResponseSchema } from '../run-wake-schemas.ts';
import { runPath } from '../../application/run-path.ts';
import { runMatchOf } from '../run-match.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { invokeBody, runListQuery, runParams, workflowParams } from '../request-schemas.ts';
import { runDetailResponseSchema, runListResponseSchema, runResponseSchema } from '../response-schemas.ts';
import { runNamer } from '../run-namer.ts';
import { serializePathEntry, serializeRunWait } from '../run-path-serializers.ts';
import { serializeRun, serializeStepAttempt } from '../serializers.ts';

/** Starting, listing, inspecting, cancelling and retrying runs. */
export function runRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/workflows/:id/runs',
      operationId: 'invokeWorkflow',
      idempotent: true,
      permission: 'runs.operate',
      summary: 'Start a run of an active workflow now',
      description:
        "The input is checked against the manual trigger's fields. The answer is the run as it stands once written: first steps that only write to Tollgate's own database (a decision, `set`, `end`, a mail to the outbox) are committed with it, so such a run may have moved on, or ended. Poll GET /api/v1/runs/{id} for its progress.",
      tag: 'runs',
      params: workflowParams,
      body: invokeBody.optional(),
      status: 202,
      response: { description: 'The run, as it stands once written', schema: runResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        const by = authenticatedCaller(request)?.email;
        return { run: serializeRun(await invokeWorkflow(app, { workflowId: params.id, input: body?.input ?? {}, actor: auditActorOf(request.caller), ...(by === undefined ? {} : { by }) })) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/runs',
      operationId: 'listRuns',
      permission: 'runs.read',
      summary: 'List runs, newest first, one page at a time',
      description:
        "Newest first by creation time (`created_at`; the later id first when two runs were created in the same millisecond). Without `requests.read_all`, the runs of other people's catalog requests are left out, unless an approval task of the run is assigned to the caller.",
      tag: 'runs',
      query: runListQuery,
      status: 200,
      response: { description: 'A page of runs', schema: runListResponseSchema },
      async handle({ query, request }) {
        const page = await listRuns(app, {
          ...runMatchOf(query, runReaderOf(request.caller)),
          limit: query.limit,
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        });
        const named = await runNamer(app, page.runs);
        return { runs: await Promise.all(page.runs.map(named)), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/runs/:id',
      operationId: 'getRun',
      permission: 'runs.read',
      summary: 'One run, its step timeline (every attempt with input, output, error and timings), the path it took and what it waits on',
      description: "The run of someone else's catalog request is refused (403 `not_your_run`) without `requests.read_all`, unless an approval task of the run is assigned to the caller.",
      tag: 'runs',
      params: runParams,
      status: 200,
      response: { description: 'The run and its steps', schema: runDetailResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        const detail = await runDetail(app, params.id, { reader: runReaderOf(request.caller) });
        const [{ path, waits }, run, stepTitles] = await Promise.all([
          runPath(app, detail.run, detail.steps),
          runNamer(app, [detail.run]).then((named) => named(detail.run)),
          runStepTitles(app, detail.run, detail.steps.map((step) => step.stepPath)),
        ]);
        return {
          run,
          steps: detail.steps.map((step) => serializeStepAttempt(step, stepTitles)),
          path: path.map(serializePathEntry),
          waits: waits.map(serializeRunWait),
          can_wake: app.wakePolicy.allowed && waits.some((wait) => wait.until !== null),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/runs/:id/cancel',
      operationId: 'cancelRun',
      idempotent: true,
      permission: 'runs.operate',
      summary: 'Cancel a running or waiting run',
      tag: 'runs',
      params: runParams,
      status: 200,
      response: { description: 'The cancelled run', schema: runResponseSchema },
      errors: [404, 409],
      async handle({ params, request }) {
        return { run: serializeRun(await cancelRun(app, params.id, { actor: auditActorOf(request.caller) })) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/runs/:id/retry',
      operationId: 'retryRun',
      idempotent: true,
      permission: 'runs.operate',
      summary: 'Retry a failed run from its failed step',
      tag: 'runs',
      params: runParams,
      status: 200,
      response: { description: 'The run, running again', schema: runResponseSchema },
      errors: [404, 409],
      async handle({ params, request }) {
        return { run: serializeRun(await retryRun(app, params.id, { actor: auditActorOf(request.caller) })) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/runs/:id/wake',
      operationId: 'wakeRun',
      idempotent: true,
      permission: 'runs.operate',
      summary: 'End the waits on time of a run now (sandbox and test setups), so a 2-day wait can be tested',
      description:
        'Every step of the run waiting on time (a wait step, an approval with a timeout, a retry backoff) becomes due now, as if its time had come; the run then goes on as it would have. ' +
        'The run journal records who woke it (a `wake` row). Only against the Stripe sandbox or a Stripe test key, or with TOLLGATE_ALLOW_WAKE=true: otherwise 409 `wake_not_allowed`. ' +
        'A run not waiting on time (ended, or waiting for an approval without timeout or a child run) is 409 `run_not_waiting_on_time`.',
      tag: 'runs',
      params: runParams,
      status: 200,
      response: { description: 'The run and the steps made due', schema: runWakeResponseSchema },
      errors: [404, 409],
      async handle({ params, request }) {
        const woken = await wakeRun(app, { runId: params.id, by: authenticatedCaller(request)?.email ?? null });
        return { run: serializeRun(woken.run), woken: woken.steps.map((step) => ({ step: step.stepPath, due_at: step.dueAt.toISOString() })) };
      },
    }),
  ];
}
