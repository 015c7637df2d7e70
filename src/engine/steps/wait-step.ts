import { parseDuration } from '../../core/duration.ts';
import { PermanentError } from '../../core/errors.ts';
import { evaluate, compileExpression } from '../../expression/index.ts';
import type { WaitStep } from '../../definition/schema.ts';
import type { StepHandler } from './step-handler.ts';

interface WaitResume {
  until: string;
}

/**
 * A durable timer: the first visit computes the wake-up time and parks the
 * step as a due row; nothing stays in memory. The second visit goes on.
 */
export const runWaitStep: StepHandler<WaitStep> = async ({ step, path, variables, resume, now, engine }) => {
  const previous = resume as WaitResume | null;
  const until = previous ? new Date(previous.until) : await wakeTime(step, path, variables, now, engine.expressionTimeoutMs);
  if (until.getTime() <= now.getTime()) return { kind: 'continue', output: { waited_until: until.toISOString() } };
  return { kind: 'sleep', until, input: { until: until.toISOString() } };
};

async function wakeTime(step: WaitStep, path: string, variables: Record<string, unknown>, now: Date, timeoutMs: number): Promise<Date> {
  if (step.for !== undefined) return new Date(now.getTime() + parseDuration(step.for, `${path}.for`));
  if (step.until !== undefined) {
    const value = await evaluate(compileExpression(step.until), variables, { timeoutMs });
    const date = typeof value === 'number' ? new Date(value) : new Date(String(value));
    if (Number.isNaN(date.getTime())) {
      throw new PermanentError('wait_until_invalid', `${path}.until: "${step.until}" gave ${JSON.stringify(value)}, not a time; give an ISO 8601 time or epoch milliseconds`);
    }
    return date;
  }
  throw new PermanentError('wait_invalid', `${path}: a wait step needs \`for\` (e.g. 7d) or \`until\` (an expression giving a time)`);
}
