/**
 * The idempotency key of one action call: the run, the step path (which holds
 * any loop index), the visit (a loop back to the step is a new call), and the
 * retry generation (bumped when a person retries a failed run, a new intent).
 * Stable across automatic re-runs of the same step, so a call repeated after
 * a crash moves money once.
 */
/** The call a key names, whatever its retry generation: the key without `:gN`. */
export function callOfKey(key: string): string {
  return key.replace(/:g\d+$/, '');
}

export function idempotencyKey(input: { runId: string; stepPath: string; visit: number; retryGeneration: number }): string {
  const visit = input.visit > 1 ? `:v${input.visit}` : '';
  const generation = input.retryGeneration > 0 ? `:g${input.retryGeneration}` : '';
  return `tg:${input.runId}:${input.stepPath}${visit}${generation}`;
}
