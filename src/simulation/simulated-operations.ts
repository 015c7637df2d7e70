/**
 * The operations a simulated run calls: each records the rendered input and
 * what it would have done, and answers with a simulated output. Reads go to
 * Stripe for real only with live reads; with sandbox effects every call is real.
 */
import { createEmailOperation, type MailContent, type MailLog } from '../connectors/email/index.ts';
import type { Store } from '../store/store.ts';
import type { Operation, OperationContext, OperationRegistry, ResolvedConnector } from '../engine/operation.ts';
import { effectLabel, type StepEffect } from './simulation-effects.ts';
import { createdObject, resourceKind, simulatedRead, stripeObjectsIn, updatedDispute, updatedObject, type StripeLike } from './simulated-stripe-objects.ts';

export const EffectKind = { none: 'none', simulated: 'simulated', liveRead: 'live_read', sandbox: 'sandbox' } as const;
export type EffectKind = (typeof EffectKind)[keyof typeof EffectKind];

export interface SimulatedEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
}

/** What one action step's call did, as the simulation saw it. */
export interface RecordedCall {
  effect: EffectKind;
  /** The side effect counted in the report; null for reads. */
  sideEffect: StepEffect | null;
  email: SimulatedEmail | null;
}

export interface SimulationModes {
  liveReads: boolean;
  /** Real calls against the built-in sandbox instead of simulated ones. */
  sandbox: boolean;
}

/** Calls recorded per run and step, and the Stripe objects the simulation knows by id. */
export class CallRecorder {
  readonly #calls = new Map<string, Map<string, RecordedCall>>();
  readonly #objects = new Map<string, StripeLike>();

  record(runId: string, stepPath: string, call: RecordedCall): void {
    let calls = this.#calls.get(runId);
    if (calls === undefined) {
      calls = new Map<string, RecordedCall>();
      this.#calls.set(runId, calls);
    }
    calls.set(stepPath, call);
  }

  callsOf(runId: string): ReadonlyMap<string, RecordedCall> {
    return this.#calls.get(runId) ?? new Map();
  }

  /** Remembers every Stripe object inside a value (an event, a read's output). */
  learn(value: unknown): void {
    for (const object of stripeObjectsIn(value)) this.#objects.set(object.id as string, object);
  }

  known(id: string): StripeLike | undefined {
    return this.#objects.get(id);
  }

  /** Forgets a batch's runs and objects (a backtest moves on). */
  clear(): void {
    this.#calls.clear();
    this.#objects.clear();
  }
}

/** Marks connectors the simulation could not resolve: a simulated call does not need them, a real one fails with the reason. */
export const unresolvedConnectors = new WeakMap<ResolvedConnector, unknown>();

export interface SimulatedOperationsOptions {
  /** The app's real operations (over the real store): live reads and sandbox effects call them. */
  real: OperationRegistry;
  /** Team lookup for email recipients, in the real store. */
  teams: Pick<Store, 'getTeam'>;
  recorder: CallRecorder;
  modes: SimulationModes;
}

/** Every real operation, wrapped. */
export function simulatedOperations(options: SimulatedOperationsOptions): Operation[] {
  const email = simulatedEmail(options);
  return [...options.real.values()].map((operation) => wrap(operation, options, email));
}

function wrap(operation: Operation, options: SimulatedOperationsOptions, email: Operation): Operation {
  const { recorder, modes } = options;
  const name = operation.spec.name;
  return {
    spec: operation.spec,
    async execute(input, context) {
      if (isRead(operation, input)) {
        const live = modes.liveReads || modes.sandbox;
        const output = live ? await callReal(operation, input, context) : simulatedRead(name, input, (id) => recorder.known(id));
        recorder.learn(output);
        recorder.record(context.runId, context.stepPath, { effect: live ? EffectKind.liveRead : EffectKind.simulated, sideEffect: null, email: null });
        return output;
      }
      const money = operation.spec.movesMoney === true ? await moneyOf(name, input, options, context) : null;
      const sideEffect: StepEffect = { operation: name, label: effectLabel(name, input), money };
      if (modes.sandbox) {
        const output = await callReal(operation, input, context);
        recorder.learn(output);
        recorder.record(context.runId, context.stepPath, { effect: EffectKind.sandbox, sideEffect: withOutputMoney(sideEffect, output), email: null });
        return output;
      }
      const output = name === 'email.send' ? await email.execute(input, context) : simulatedWrite(name, input, money, recorder, context.clock.now());
      recorder.learn(output);
      const previous = recorder.callsOf(context.runId).get(context.stepPath);
      recorder.record(context.runId, context.stepPath, { effect: EffectKind.simulated, sideEffect, email: previous?.email ?? null });
      return output;
    },
  };
}

function isRead(operation: Operation, input: Record<string, unknown>): boolean {
  if (operation.spec.reads === true) return true;
  return operation.spec.name === 'stripe.request' && (input.method === undefined || (typeof input.method === 'string' && input.method.toUpperCase() === 'GET'));
}

/** A real call from a simulated run: no real step commits it, so what it records (an outbox mail) it writes itself. */
async function callReal(operation: Operation, input: Record<string, unknown>, { writeInCommit: _simulatedCommit, ...context }: OperationContext): Promise<unknown> {
  if (context.connector !== undefined && unresolvedConnectors.has(context.connector)) throw unresolvedConnectors.get(context.connector);
  return operation.execute(input, context);
}

/** The amount and currency a money-moving call would move: from its input, else from the charge, payment intent or invoice it names. */
async function moneyOf(name: string, input: Record<string, unknown>, options: SimulatedOperationsOptions, context: OperationContext): Promise<{ amount: number | null; currency: string | null }> {
  const sourceId = [input.charge, input.payment_intent, input.invoice].find((value): value is string => typeof value === 'string' && value !== '');
  const source = sourceId === undefined ? undefined : await knownOrRead(sourceId, options, context);
  let amount = typeof input.amount === 'number' ? input.amount : null;
  if (amount === null && name === 'stripe.refunds.create' && source !== undefined) {
    const charged = typeof source.amount_received === 'number' ? source.amount_received : source.amount;
    if (typeof charged === 'number') amount = charged - (typeof source.amount_refunded === 'number' ? source.amount_refunded : 0);
  }
  if (amount === null && name === 'stripe.creditNotes.create' && typeof input.refund_amount === 'number') amount = input.refund_amount;
  const currency = typeof input.currency === 'string' ? input.currency : typeof source?.currency === 'string' ? source.currency : null;
  return { amount, currency };
}

const READ_BY_PREFIX: Record<string, string> = { ch: 'stripe.charges.retrieve', pi: 'stripe.paymentIntents.retrieve', in: 'stripe.invoices.retrieve' };

async function knownOrRead(id: string, options: SimulatedOperationsOptions, context: OperationContext): Promise<StripeLike | undefined> {
  const known = options.recorder.known(id);
  if (known !== undefined || !(options.modes.liveReads || options.modes.sandbox)) return known;
  const read = options.real.get(READ_BY_PREFIX[id.split('_')[0] ?? ''] ?? '');
  if (read === undefined) return undefined;
  try {
    const object = (await callReal(read, { id }, context)) as StripeLike;
    options.recorder.learn(object);
    return object;
  } catch {
    // The amount stays unknown: the report counts it so.
    return undefined;
  }
}

function withOutputMoney(effect: StepEffect, output: unknown): StepEffect {
  if (effect.money === null || output === null || typeof output !== 'object') return effect;
  const { amount, currency } = output as StripeLike;
  return {
    ...effect,
    money: { amount: typeof amount === 'number' ? amount : effect.money.amount, currency: typeof currency === 'string' ? currency : effect.money.currency },
  };
}

function simulatedWrite(name: string, input: Record<string, unknown>, money: { amount: number | null; currency: string | null } | null, recorder: CallRecorder, now: Date): unknown {
  if (name === 'http.request' || name === 'webhook.post') {
    return { status: 200, headers: {}, body: null, simulated: true, request: input };
  }
  if (name === 'stripe.request') return { object: 'simulated_request', simulated: true, request: input };
  const kind = resourceKind(name);
  if (name === 'stripe.disputes.update' || name === 'stripe.disputes.close') return updatedDispute(name, typeof input.id === 'string' ? recorder.known(input.id) : undefined, input);
  if (name.endsWith('.update')) return updatedObject(kind, typeof input.id === 'string' ? recorder.known(input.id) : undefined, input);
  const extra: StripeLike = money === null ? {} : { amount: money.amount, currency: money.currency };
  return createdObject(kind, input, extra, now);
}

/** email.send over a mail log in memory: the message is rendered and resolved as for real, and recorded nowhere but the preview. */
function simulatedEmail(options: SimulatedOperationsOptions): Operation {
  let sequence = 0;
  const mailLog: MailLog = {
    recordOnce(mail) {
      sequence += 1;
      const message: MailContent = { from: mail.from, to: mail.to, cc: mail.cc, replyTo: mail.replyTo, subject: mail.subject, text: mail.text, html: mail.html };
      if (mail.runId !== null && mail.stepPath !== null) {
        options.recorder.record(mail.runId, mail.stepPath, {
          effect: EffectKind.simulated,
          sideEffect: null,
          email: { to: mail.to, cc: mail.cc, subject: mail.subject, text: mail.text },
        });
      }
      return Promise.resolve({ id: `out_sim_${sequence}`, status: mail.status, created: true, message });
    },
    markSent: () => Promise.resolve(),
    markFailed: () => Promise.resolve(),
  };
  const email = createEmailOperation({ mailLog, teams: { membersOf: async (id) => (await options.teams.getTeam(id))?.members } });
  // Never SMTP: the simulation records the message as the outbox would, in its own mail log (not in a step's commit).
  return { spec: email.spec, execute: (input, { writeInCommit: _inCommit, ...context }) => email.execute(input, { ...context, connector: undefined }) };
}
