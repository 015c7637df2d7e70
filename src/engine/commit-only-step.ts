import type { ClaimedWork } from '../store/records.ts';
import type { EngineContext } from './engine-context.ts';
import { locateStep } from './step-graph.ts';
import { isPureStep } from './steps/pure-steps.ts';
import { stepConnector } from './steps/step-connector.ts';

/**
 * Whether a step touches nothing but its own commit: a pure step (decision,
 * set, end), or an action whose operation says so for the connector it would
 * use (`email.send` to the outbox). Such a step may run before its run is
 * written, and commit with it (run-handoff.ts); no other may.
 */
export async function writesOnlyInCommit(engine: EngineContext, work: ClaimedWork): Promise<boolean> {
  try {
    const { steps } = await engine.definitions.get(work.run.workflowId, work.run.version);
    const { step } = locateStep(steps, work.stepPath);
    if (isPureStep(step)) return true;
    if (step.type !== 'action') return false;
    const operation = engine.operations.get(step.uses);
    // Money never moves before its run is written, whatever an operation claims (registryOf refuses that too).
    if (operation?.writesOnlyInCommit === undefined || operation.spec.movesMoney === true) return false;
    return operation.writesOnlyInCommit(await stepConnector(engine, step, operation));
  } catch {
    // Whatever fails here fails the step when it runs on its own, where the failure is recorded.
    return false;
  }
}
