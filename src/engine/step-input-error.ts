import type { MoneyCall } from '../store/money-call.ts';

/** Carries a failed step's rendered input to the journal alongside the failure itself (and, for a money-moving call, the call for the audit trail). */
export class StepInputError extends Error {
  readonly input: unknown;
  readonly money: MoneyCall | undefined;
  constructor(cause: unknown, input: unknown, money?: MoneyCall) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.input = input;
    this.money = money;
  }
}
