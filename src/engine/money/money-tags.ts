/** The metadata every money call carries, so a later attempt can find what an earlier one did. */
export const MoneyTag = {
  run: 'tollgate_run',
  step: 'tollgate_step',
  key: 'tollgate_key',
} as const;

export function moneyTags(input: { runId: string; stepPath: string; idempotencyKey: string }): Record<string, string> {
  return { [MoneyTag.run]: input.runId, [MoneyTag.step]: input.stepPath, [MoneyTag.key]: input.idempotencyKey };
}

/** Stripe keeps an idempotency key about 24 hours; past this age a repeat may move money again. */
export const IDEMPOTENCY_WINDOW_MS = 23 * 60 * 60 * 1000;
