import { PermanentError } from '../core/errors.ts';
import type { Step } from '../definition/schema.ts';
import { locateStep } from '../engine/step-graph.ts';
import type { RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';

/**
 * The title of the step each failed run failed at, by run id, read from the run's workflow version
 * (engine/definition-cache.ts holds each version once per process), so a list of runs names the step
 * as the run's page does without a second request per workflow. Runs that did not fail at a step, and
 * steps without a title, are left out: those are named by their id in words.
 */
export async function failedStepTitles(app: AppContext, runs: readonly RunRecord[]): Promise<Map<string, string>> {
  const titled = await Promise.all(
    runs.map(async (run): Promise<[string, string][]> => {
      if (run.failedStep === null) return [];
      const { steps } = await app.engine.definitions.get(run.workflowId, run.version);
      const title = stepTitleAt(steps, run.failedStep);
      return title === undefined ? [] : [[run.id, title]];
    }),
  );
  return new Map(titled.flat());
}

/**
 * The titles of the steps at `paths` (journal step paths, repeats welcome) in `run`'s own version, by path, so a run's
 * timeline names each step from the run's answer rather than by its id in words until the graph arrives. The version
 * is read once (engine/definition-cache.ts); steps without a title are left out, as in failedStepTitles.
 */
export async function runStepTitles(app: AppContext, run: RunRecord, paths: Iterable<string>): Promise<Map<string, string>> {
  const { steps } = await app.engine.definitions.get(run.workflowId, run.version);
  return new Map(
    [...new Set(paths)].flatMap((path): [string, string][] => {
      const title = stepTitleAt(steps, path);
      return title === undefined ? [] : [[path, title]];
    }),
  );
}

function stepTitleAt(steps: Step[], path: string): string | undefined {
  try {
    return locateStep(steps, path).step.title;
  } catch (error) {
    // A path its own version does not hold would be a journal from elsewhere: the list still answers, naming the step by its id.
    if (error instanceof PermanentError && error.code === 'step_not_found') return undefined;
    throw error;
  }
}
