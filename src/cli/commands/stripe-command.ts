import { InvalidArgumentError, Option, type Command } from 'commander';
import { TollgateError } from '../../core/errors.ts';
import { TRIGGER_EVENT_TYPES } from '../../sandbox/index.ts';
import { printJson, printLines } from '../output.ts';

interface TriggerOptions {
  amount?: number;
  currency?: string;
  customer?: string;
  account?: string;
  sandbox: string;
  json?: boolean;
}

/** `tollgate stripe trigger`: like the Stripe CLI's, against the built-in sandbox of a running `tollgate start`. */
export function registerStripeCommand(program: Command): void {
  const stripe = program.command('stripe').description('the built-in Stripe sandbox');
  stripe
    .command('trigger')
    .description(`create the objects behind an event and fire it (${TRIGGER_EVENT_TYPES.join(', ')})`)
    .argument('<event-type>', 'e.g. payment_intent.succeeded')
    .addOption(new Option('--amount <minor-units>', 'amount in minor units (150000 = 1,500.00 USD)').argParser(parseAmount))
    .option('--currency <code>', 'ISO currency, e.g. usd')
    .option('--customer <id>', 'an existing sandbox customer (cus_...)')
    .option('--account <id>', 'a connected account (acct_...) to send the event from')
    .option('--sandbox <url>', 'the sandbox URL', process.env.TOLLGATE_SANDBOX_URL ?? `http://127.0.0.1:${process.env.TOLLGATE_SANDBOX_PORT ?? '12111'}`)
    .option('--json', 'print the event as JSON')
    .action(triggerEvent);
}

async function triggerEvent(type: string, options: TriggerOptions): Promise<void> {
  const body = { event: type, amount: options.amount, currency: options.currency, customer: options.customer, account: options.account };
  let response: Response;
  try {
    response = await fetch(new URL('/_sandbox/trigger', options.sandbox), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new TollgateError('sandbox_unreachable', `cannot reach the Stripe sandbox at ${options.sandbox}: is \`tollgate start\` running without STRIPE_SECRET_KEY? (set --sandbox otherwise)`, { cause: error });
  }
  const answer = (await response.json()) as { id?: string; type?: string; data?: { object?: { id?: string } }; error?: { code?: string; message?: string } };
  if (!response.ok) throw new TollgateError(answer.error?.code ?? 'sandbox_error', answer.error?.message ?? `the sandbox answered ${response.status}`);
  if (options.json) return printJson(answer);
  printLines(`fired ${answer.type} ${answer.id} (${answer.data?.object?.id ?? 'no object'}); see \`tollgate runs list\` and \`tollgate outbox list\``);
}

function parseAmount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a positive whole number of minor units, e.g. 150000 for 1,500.00 USD.');
  return Number(value);
}
