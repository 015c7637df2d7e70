/** Carries a failed step's rendered input to the journal alongside the failure itself. */
export class StepInputError extends Error {
  readonly input: unknown;
  constructor(cause: unknown, input: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.input = input;
  }
}
