/**
 * The idempotency key of one action call: the run, the step path (which holds
 * any loop index), and the retry generation (bumped when a person retries a
 * failed run, which is a new intent). Stable across automatic re-runs of the
 * same step, so a call repeated after a crash moves money once.
 */
export function idempotencyKey(input: { runId: string; stepPath: string; retryGeneration: number }): string {
  const generation = input.retryGeneration > 0 ? `:g${input.retryGeneration}` : '';
  return `tg:${input.runId}:${input.stepPath}${generation}`;
}
