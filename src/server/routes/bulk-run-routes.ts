import type { AppContext } from '../../application/app-context.ts';
import { bulkRunAction, BulkRunAction } from '../../application/bulk-run-actions.ts';
import { BULK_RUN_LIMIT } from '../../application/bulk-run-selection.ts';
import { runReaderOf } from '../../application/run-access.ts';
import { auditActorOf } from '../../identity/audit-actor.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import { bulkRunBody, bulkRunResponseSchema } from '../bulk-run-schemas.ts';
import { serializeBulkRunReport } from '../bulk-run-serializers.ts';
import { runMatchOf } from '../run-match.ts';

const HOW =
  `Name the runs (\`runs\`: ids) or give the filters of GET /api/v1/runs (\`filter\`), at most ${BULK_RUN_LIMIT} runs a call: more is 400 \`bulk_limit_exceeded\`, saying how many matched. ` +
  'Each run is changed in its own transaction, exactly as its single-run call would, with the same audit entry plus this call\'s id (`detail.bulk`); ' +
  'a run that does not allow the change is skipped with the code the single-run call would answer. `preview: true` says what would be done and changes nothing. ' +
  "A filter sees the runs GET /api/v1/runs shows the caller. An unexpected failure midway answers 500: the runs changed before it stay changed, and the audit trail names them.";

/** Retrying and cancelling many runs in one call (application/bulk-run-actions.ts). */
export function bulkRunRoutes(app: AppContext): ApiRoute[] {
  const route = (action: BulkRunAction, spec: { operationId: string; summary: string; description: string }) =>
    defineRoute({
      method: 'POST',
      url: `/api/v1/runs/${action}`,
      ...spec,
      idempotent: true,
      permission: 'runs.operate',
      tag: 'runs',
      body: bulkRunBody,
      status: 200,
      response: { description: 'What was done (or would be, in a preview) to each run', schema: bulkRunResponseSchema },
      async handle({ body, request }) {
        const selection = body.runs !== undefined ? { kind: 'ids' as const, ids: body.runs } : { kind: 'filter' as const, filter: runMatchOf(body.filter ?? {}, runReaderOf(request.caller)) };
        const report = await bulkRunAction(app, { action, selection, preview: body.preview, by: { actor: auditActorOf(request.caller) } });
        return serializeBulkRunReport(report);
      },
    });
  return [
    route(BulkRunAction.retry, {
      operationId: 'retryRuns',
      summary: 'Retry many failed runs, each from its failed step',
      description: `${HOW} Each retry starts again at the run's failed step on its pinned version, as POST /api/v1/runs/{id}/retry does: steps that succeeded, money moved included, are not run again.`,
    }),
    route(BulkRunAction.cancel, {
      operationId: 'cancelRuns',
      summary: 'Cancel many running or waiting runs',
      description: `${HOW} Each run ends as POST /api/v1/runs/{id}/cancel ends it.`,
    }),
  ];
}
