/**
 * Preview: one run of a draft, on the real engine over a throwaway store,
 * against a sample event, a stored event or a given one (or the input of a
 * manual or form trigger), with every side effect stubbed unless asked otherwise.
 */
import type { AppContext } from '../application/app-context.ts';
import { receivedEvent } from '../application/received-events.ts';
import { ConflictError, InvalidInputError } from '../core/errors.ts';
import type { Variables } from '../core/json.ts';
import type { Trigger, WorkflowDocument } from '../definition/schema.ts';
import { startRun } from '../engine/start-run.ts';
import type { ReceivedEvent } from '../store/event-store.ts';
import { eventListeners, matchEvent } from '../triggers/event-matching.ts';
import { sampleEvent, sampleEventType } from './sample-event.ts';
import { ApprovalChoice } from './simulated-approvals.ts';
import { simulatedRun, type SimulatedRun } from './simulated-run.ts';
import { checkDraft } from './simulation-draft.ts';
import { SimulationEngine } from './simulation-engine.ts';

export const EffectsMode = { simulated: 'simulated', sandbox: 'sandbox' } as const;
export type EffectsMode = (typeof EffectsMode)[keyof typeof EffectsMode];

export interface PreviewInput {
  definition: unknown;
  event?: Record<string, unknown>;
  eventId?: string;
  input?: Variables;
  liveReads?: boolean;
  approval?: ApprovalChoice;
  effects?: EffectsMode;
}

export interface PreviewEvent {
  id: string | null;
  type: string;
  sample: boolean;
  object: unknown;
}

export interface Preview {
  event: PreviewEvent | null;
  matched: boolean;
  run: SimulatedRun | null;
}

type EventTrigger = Extract<Trigger, { type: 'event' }>;

/**
 * @throws InvalidInputError `definition_invalid` (with issues), `event_invalid`, `input_invalid`;
 *   NotFoundError `event_not_found`; ConflictError `sandbox_only`.
 */
export async function previewDraft(app: AppContext, input: PreviewInput): Promise<Preview> {
  const definition = await checkDraft(app, input.definition);
  const sandbox = input.effects === EffectsMode.sandbox;
  if (sandbox && app.sandbox === undefined) {
    throw new ConflictError('sandbox_only', 'effects "sandbox" runs the draft for real against the built-in Stripe sandbox, and this Tollgate runs against real Stripe; preview with effects "simulated"');
  }
  const simulation = await SimulationEngine.open(app, definition, { liveReads: input.liveReads ?? false, sandbox, approval: input.approval ?? ApprovalChoice.approve });
  try {
    if (definition.trigger.type === 'event') return await previewEvent(app, simulation, definition, definition.trigger, input);
    const run = await startRun(simulation.engine, { workflowId: definition.id, input: input.input ?? {}, trigger: { type: definition.trigger.type, simulated: true } });
    await simulation.settle();
    return { event: null, matched: true, run: await simulatedRun(simulation.engine.store, simulation.recorder, definition, run.id) };
  } finally {
    await simulation.close();
  }
}

async function previewEvent(app: AppContext, simulation: SimulationEngine, definition: WorkflowDocument, trigger: EventTrigger, input: PreviewInput): Promise<Preview> {
  const { event, sample } = await eventFor(app, simulation, trigger, input);
  simulation.recorder.learn(event.payload);
  const listeners = await eventListeners(simulation.engine);
  const matches = await matchEvent(simulation.engine, listeners, event, { at: simulation.clock.now() });
  const started = matches.find((match) => match.workflowId === definition.id)?.run ?? null;
  const object = (event.payload as { data?: { object?: unknown } }).data?.object ?? null;
  // A given event without an id (pasted, or an edited sample) has none to show: `evt_preview` is made up here.
  const given = input.eventId === undefined && (input.event === undefined || typeof input.event.id !== 'string');
  const described: PreviewEvent = { id: sample || given ? null : event.id, type: event.type, sample, object };
  if (started === null) return { event: described, matched: false, run: null };
  await simulation.run([started]);
  return { event: described, matched: true, run: await simulatedRun(simulation.engine.store, simulation.recorder, definition, started.id) };
}

async function eventFor(app: AppContext, simulation: SimulationEngine, trigger: EventTrigger, input: PreviewInput): Promise<{ event: ReceivedEvent; sample: boolean }> {
  const now = simulation.clock.now();
  if (input.eventId !== undefined) return { event: await receivedEvent(app, input.eventId), sample: false };
  if (input.event !== undefined) return { event: givenEvent(input.event, trigger, now), sample: false };
  const account = trigger.account === 'connected' ? 'acct_simulated' : null;
  const sample = sampleEvent(sampleEventType(trigger.event), { clock: simulation.clock, account });
  for (const object of sample.objects) simulation.recorder.learn(object);
  return { event: received(sample.event, trigger, now), sample: true };
}

function givenEvent(event: Record<string, unknown>, trigger: EventTrigger, now: Date): ReceivedEvent {
  const data = event.data as { object?: unknown } | undefined;
  if (typeof event.type !== 'string' || data === null || typeof data !== 'object' || data.object === null || typeof data.object !== 'object') {
    throw new InvalidInputError('event_invalid', 'the event needs a `type` and `data.object`, as a Stripe event has; e.g. {"type": "charge.succeeded", "data": {"object": {...}}}', [], { path: 'event' });
  }
  return received({ id: 'evt_preview', object: 'event', created: Math.floor(now.getTime() / 1000), livemode: false, ...event }, trigger, now);
}

function received(payload: Record<string, unknown>, trigger: EventTrigger, now: Date): ReceivedEvent {
  return {
    id: String(payload.id),
    type: String(payload.type),
    account: typeof payload.account === 'string' ? payload.account : null,
    connectorId: trigger.connector ?? 'stripe',
    livemode: payload.livemode === true,
    created: typeof payload.created === 'number' ? payload.created : Math.floor(now.getTime() / 1000),
    payload,
    source: 'preview',
    receivedAt: now,
  };
}
