/**
 * What an approval leads to: from the approval step, the path its approval
 * takes (decisions evaluated on the run's current variables, later approvals
 * assumed granted) to the next step that moves money or calls out, with that
 * step's input rendered as the engine would render it. An approver reads
 * "Refund 1,500.00 USD on ch_…" before deciding.
 */
import { titleOf } from '../core/id-from-title.ts';
import type { Variables } from '../core/json.ts';
import type { ActionStep, WorkflowDocument } from '../definition/schema.ts';
import { evaluateCondition, formatMinorOrUndefined, renderTemplate } from '../expression/index.ts';
import { locateStep, siblingPath, defaultNext, type StepLocation } from './step-graph.ts';

/** One step on the way an approval leads to. */
export type NextStep =
  | { kind: 'approval'; step: string; title: string; assignee: { team: string } | { users: string[] } }
  | {
      kind: 'action';
      step: string;
      title: string;
      uses: string;
      connector: string | null;
      moves_money: boolean;
      /** The `with` block rendered on the run's current variables; null when it needs what earlier steps will output. */
      input: Record<string, unknown> | null;
      /** In words, e.g. `Refund 1,500.00 USD on ch_123`. */
      summary: string;
      /** The amount the call moves, when it says (minor units; currency null until the charge is looked up). */
      amount: { minor: number; currency: string | null } | null;
      /** The Stripe object the call acts on (`ch_…`, `pi_…`), when it names one. */
      target: string | null;
    }
  | { kind: 'end'; step: string; title: string; outcome: string | null; status: string }
  | { kind: 'unknown'; step: string; title: string; reason: string };

/** What looking up a refund's charge (or payment intent) found: its currency and what is left to refund, or why there is none to say. */
export type ChargeCurrency = { kind: 'found'; currency: string; refundable: number } | { kind: 'not_found' } | { kind: 'unreadable' };

export interface NextActionContext {
  /** Whether the operation a step `uses` moves money (a refund, a credit note). */
  movesMoney: (uses: string) => boolean;
  expressionTimeoutMs: number;
  /** The currency of a Stripe charge or payment intent, to say how much a refund of it moves. */
  currencyOf?: (target: string, connector: string | null) => Promise<ChargeCurrency>;
}

const MAX_HOPS = 50;

/**
 * The steps an approval of the task at `stepPath` leads to, in order, up to and
 * including the first one that moves money (or the run's end, or a step whose
 * way cannot be foreseen).
 */
export async function nextActionsOnApproval(
  context: NextActionContext,
  input: { definition: WorkflowDocument; stepPath: string; variables: Variables; approvalOutput: Record<string, unknown> },
): Promise<NextStep[]> {
  const start = locateStep(input.definition.steps, input.stepPath);
  if (start.step.type !== 'approval') return [{ kind: 'unknown', step: start.step.id, title: titleOf(start.step), reason: 'this is not an approval step' }];
  let variables: Variables = { ...input.variables, [start.step.output ?? start.step.id]: input.approvalOutput };
  const found: NextStep[] = [];
  let next = start.step.on?.approved === undefined ? defaultNext(start) : siblingPath(start, start.step.on.approved);
  for (let hop = 0; next !== null && hop < MAX_HOPS; hop += 1) {
    const location = locateStep(input.definition.steps, next);
    const outcome = await visit(context, location, variables);
    if (outcome.step !== undefined) found.push(outcome.step);
    if (outcome.stop) return found;
    variables = outcome.variables ?? variables;
    next = outcome.next;
  }
  if (next !== null) found.push({ kind: 'unknown', step: next, title: next, reason: `the path goes on for more than ${MAX_HOPS} steps` });
  else found.push({ kind: 'end', step: '(end)', title: 'End of the workflow', outcome: null, status: 'succeeded' });
  return found;
}

interface Visited {
  step?: NextStep;
  stop: boolean;
  next: string | null;
  variables?: Variables;
}

async function visit(context: NextActionContext, location: StepLocation, variables: Variables): Promise<Visited> {
  const { step } = location;
  const title = titleOf(step);
  const options = { timeoutMs: context.expressionTimeoutMs };
  switch (step.type) {
    case 'decision': {
      try {
        for (const branch of step.branches) {
          if (await evaluateCondition(branch.when, variables, options)) return { stop: false, next: siblingPath(location, branch.next) };
        }
        return { stop: false, next: siblingPath(location, step.otherwise) };
      } catch (error) {
        return { stop: true, next: null, step: { kind: 'unknown', step: step.id, title, reason: `the decision cannot be foreseen yet: ${messageOf(error)}` } };
      }
    }
    case 'approval': {
      const assignee = 'team' in step.assignee ? { team: step.assignee.team } : { users: [...step.assignee.users] };
      const next = step.on?.approved === undefined ? defaultNext(location) : siblingPath(location, step.on.approved);
      return { stop: false, next, step: { kind: 'approval', step: step.id, title, assignee } };
    }
    case 'set': {
      try {
        const values = (await renderTemplate(step.values, variables, options)) as Variables;
        return { stop: false, next: defaultNext(location), variables: { ...variables, ...values } };
      } catch {
        return { stop: false, next: defaultNext(location) };
      }
    }
    case 'wait':
      return { stop: false, next: defaultNext(location) };
    case 'end':
      return { stop: true, next: null, step: { kind: 'end', step: step.id, title, outcome: step.outcome ?? null, status: step.status } };
    case 'action': {
      const action = await describeAction(context, step, variables);
      // Past a step that moves money, or one whose output later steps may read, the way is not foreseeable.
      return { stop: action.moves_money || action.input === null, next: defaultNext(location), step: action };
    }
    case 'parallel':
    case 'foreach':
    case 'workflow':
      return { stop: true, next: null, step: { kind: 'unknown', step: step.id, title, reason: `a ${step.type} step comes next; its steps run on what they find then` } };
    default: {
      const unknown: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}

async function describeAction(context: NextActionContext, step: ActionStep, variables: Variables): Promise<Extract<NextStep, { kind: 'action' }>> {
  const movesMoney = context.movesMoney(step.uses);
  const base = { kind: 'action' as const, step: step.id, title: titleOf(step), uses: step.uses, connector: step.connector ?? null, moves_money: movesMoney };
  let input: Record<string, unknown>;
  try {
    input = (await renderTemplate(step.with, variables, { timeoutMs: context.expressionTimeoutMs })) as Record<string, unknown>;
  } catch (error) {
    return { ...base, input: null, summary: `${base.title} (${step.uses}), with values known only once earlier steps ran: ${messageOf(error)}`, amount: null, target: null };
  }
  const target = stripeTarget(input);
  let amount = typeof input.amount === 'number' ? { minor: input.amount, currency: typeof input.currency === 'string' ? input.currency : null } : null;
  let lookup: ChargeCurrency | null = null;
  if (step.uses === 'stripe.refunds.create' && target !== null && context.currencyOf) {
    lookup = await context.currencyOf(target, step.connector ?? null);
    if (lookup.kind === 'found') amount = { minor: amount?.minor ?? lookup.refundable, currency: lookup.currency };
  }
  return { ...base, input, summary: summaryOf(step, input, { amount, target, lookup }), amount, target };
}

function stripeTarget(input: Record<string, unknown>): string | null {
  for (const key of ['charge', 'payment_intent', 'id']) {
    const value = input[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

interface MoneyMoved {
  amount: { minor: number; currency: string | null } | null;
  target: string | null;
  /** What looking up the refund's charge found; null when it was not looked up. */
  lookup: ChargeCurrency | null;
}

function summaryOf(step: ActionStep, input: Record<string, unknown>, { amount, target, lookup }: MoneyMoved): string {
  const money = amount === null ? null : amountWords(amount.minor, amount.currency);
  switch (step.uses) {
    case 'stripe.refunds.create':
      return `Refund ${money ?? 'the full amount'} on ${target ?? 'the charge'}${target === null || lookup === null ? '' : lookupWords(target, lookup, amount)}`;
    case 'email.send':
      return typeof input.subject === 'string' ? `Send the email "${input.subject}"` : 'Send an email';
    case 'webhook.post':
      return `Post a webhook message${step.connector === undefined ? '' : ` to ${step.connector}`}`;
    default:
      return `${titleOf(step)}: ${step.uses}${money === null ? '' : ` of ${money}`}${target === null ? '' : ` on ${target}`}`;
  }
}

/**
 * The amount as people read it; one that is not an amount of its currency as given, so the review still shows.
 * Without a currency, the number the workflow gives (in the smallest unit of a currency nobody named).
 */
function amountWords(minor: number, currency: string | null): string {
  if (currency === null) return `${minor} (the amount as the workflow gives it)`;
  return formatMinorOrUndefined(minor, currency) ?? `${minor} (minor units of "${currency}", not an amount Tollgate can read)`;
}

/** Why a refund's currency is unknown, when its look-up found none: `: charge ch_1 could not be found, so its currency is unknown`. */
function lookupWords(target: string, lookup: ChargeCurrency, amount: MoneyMoved['amount']): string {
  if (lookup.kind === 'found') return '';
  const object = `${target.startsWith('pi_') ? 'payment intent' : 'charge'} ${target}`;
  const failed = lookup.kind === 'not_found' ? `${object} could not be found` : `${object} could not be read from Stripe`;
  return amount === null || amount.currency !== null ? `: ${failed}` : `: ${failed}, so its currency is unknown`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
