import type { FinalRunStatus } from '../core/statuses.ts';
import type { Variables } from '../core/json.ts';
import type { MoneyCall } from '../store/money-call.ts';
import type { StepWrite } from '../store/step-write.ts';

/**
 * What a step handler decides. Failures are thrown (TollgateError subclasses);
 * the executor turns them into retries, `on_error` or a failed run.
 */
export type StepOutcome =
  /** Done: record `output` under the step's output name, then go to `next` (a path; undefined = the default next). */
  | { kind: 'continue'; input?: unknown; output?: unknown; assign?: Variables; next?: string | null; cancelScope?: string; money?: MoneyCall; writes?: StepWrite[] }
  /** The run ends here. */
  | { kind: 'end'; input?: unknown; outcome: string | null; status: FinalRunStatus }
  /** Come back to this step at `until` (a timer). */
  | { kind: 'sleep'; input?: unknown; until: Date }
  /**
   * Start nested steps (branches, iterations) and wait until their ends wake this step.
   * `scopes`: on the visit's first fork, every branch or iteration, with the variables its scope begins with.
   */
  | { kind: 'fork'; input?: unknown; output?: unknown; enqueue: string[]; scopes?: { index: number; variables: Variables }[] }
  /** Wait for something outside (an approval decision, a child run, a branch end) to wake this step. */
  | { kind: 'park'; input?: unknown; output?: unknown }
  /** A late wake-up of a step that already went on: drop it. */
  | { kind: 'discard' };
