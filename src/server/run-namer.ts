import type { AppContext } from '../application/app-context.ts';
import { failedStepTitles } from '../application/step-titles.ts';
import { workflowTitleLookup } from '../application/workflow-titles.ts';
import type { RunRecord } from '../store/records.ts';
import type { TitledRunBody } from './response-schemas.ts';
import { serializeTitledRun } from './serializers.ts';

/**
 * Names `runs` for people as the run list, a run's page and a request's page give them: their workflow's title and the step
 * they failed at by its title. The answer serializes one of `runs`.
 */
export async function runNamer(app: AppContext, runs: readonly RunRecord[]): Promise<(run: RunRecord) => Promise<TitledRunBody>> {
  const [failedSteps, workflowTitle] = await Promise.all([failedStepTitles(app, runs), workflowTitleLookup(app)]);
  return async (run) => serializeTitledRun(run, { workflow: await workflowTitle(run.workflowId), failedStep: failedSteps.get(run.id) ?? null });
}
