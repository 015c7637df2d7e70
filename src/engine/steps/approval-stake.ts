import { PermanentError } from '../../core/errors.ts';
import type { Variables } from '../../core/json.ts';
import type { ApprovalStep } from '../../definition/schema.ts';
import { renderTemplate } from '../../expression/index.ts';
import type { MajorMoney } from '../../store/approval-records.ts';

const CURRENCY = /^[a-z]{3}$/;

/**
 * What an approval step puts at stake, rendered from its `amount` and
 * `currency` when the task opens; null when it declares none.
 * @throws PermanentError `approval_stake_invalid` when they render to something else than a positive amount and a currency.
 */
export async function renderApprovalStake(step: ApprovalStep, context: { path: string; variables: Variables; timeoutMs: number }): Promise<MajorMoney | null> {
  if (step.amount === undefined || step.currency === undefined) return null;
  const { path, variables, timeoutMs } = context;
  const amount = await renderTemplate(step.amount, variables, { path: `${path}.amount`, timeoutMs });
  const currency = await renderTemplate(step.currency, variables, { path: `${path}.currency`, timeoutMs });
  const number = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : amount;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
    throw new PermanentError('approval_stake_invalid', `${path}.amount: rendered ${JSON.stringify(amount)}, not a positive amount in major units (such as 6000 for 6,000 USD)`, { path: `${path}.amount` });
  }
  const code = typeof currency === 'string' ? currency.trim().toLowerCase() : '';
  if (!CURRENCY.test(code)) {
    throw new PermanentError('approval_stake_invalid', `${path}.currency: rendered ${JSON.stringify(currency)}, not a three-letter ISO 4217 code such as usd`, { path: `${path}.currency` });
  }
  return { amount: number, currency: code };
}
