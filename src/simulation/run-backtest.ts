/**
 * Backtest: every stored event of the trigger's types in a window (or the
 * last N) replayed through the draft on ONE throwaway store, in batches,
 * with side effects stubbed; the report counts the runs, how they ended and
 * what they would have done.
 */
import type { AppContext } from '../application/app-context.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { Trigger, WorkflowDocument } from '../definition/schema.ts';
import type { ReceivedEvent } from '../store/event-store.ts';
import type { NewRun } from '../store/records.ts';
import { eventListeners, matchEvent } from '../triggers/event-matching.ts';
import { backtestWindow, eventWindow, type BacktestWindow, type BacktestWindowInput } from './backtest-window.ts';
import { ApprovalChoice } from './simulated-approvals.ts';
import { simulatedRunSummary, type SimulatedRun, type SimulatedRunStatus } from './simulated-run.ts';
import { checkDraft } from './simulation-draft.ts';
import { EffectTally, effectsSummary, type Effect } from './simulation-effects.ts';
import { SimulationEngine } from './simulation-engine.ts';

/** Events read and run together: one insert of runs, one wait for the worker. */
const BATCH = 500;

export interface BacktestInput extends BacktestWindowInput {
  definition: unknown;
  liveReads?: boolean;
  approval?: ApprovalChoice;
}

/** One would-be run: an event whose trigger conditions held. */
export interface BacktestRun {
  eventId: string;
  eventType: string;
  eventCreated: Date;
  status: SimulatedRunStatus;
  outcome: string | null;
  path: string[];
  effects: Effect[];
  error: { code: string; message: string } | null;
}

export interface BacktestReport {
  events: number;
  runs: number;
  outcomes: { status: SimulatedRunStatus; outcome: string | null; count: number }[];
  effects: Effect[];
  summary: string;
}

/** A checked backtest, ready to run. */
export interface BacktestPlan {
  definition: WorkflowDocument;
  eventType: string;
  window: BacktestWindow;
  /** Events the window holds (capped at `last`). */
  total: number;
  liveReads: boolean;
  approval: ApprovalChoice;
}

type EventTrigger = Extract<Trigger, { type: 'event' }>;

/**
 * Checks the draft, the trigger and the window, and counts the events.
 * @throws InvalidInputError `definition_invalid`, `backtest_trigger_invalid`, `request_invalid`.
 */
export async function planBacktest(app: AppContext, input: BacktestInput): Promise<BacktestPlan> {
  const definition = await checkDraft(app, input.definition);
  if (definition.trigger.type !== 'event') {
    throw new InvalidInputError(
      'backtest_trigger_invalid',
      `workflow "${definition.id}" starts on a ${definition.trigger.type} trigger; a backtest replays stored Stripe events, so it needs an event trigger. Preview it with its input instead`,
      [],
      { path: 'definition.trigger' },
    );
  }
  const trigger: EventTrigger = definition.trigger;
  const window = backtestWindow(input, app.engine.clock.now());
  const count = await app.events.countInWindow(eventWindow(window, trigger.event));
  return {
    definition,
    eventType: typeof trigger.event === 'string' ? trigger.event : trigger.event.join(', '),
    window,
    total: window.last === null ? count : Math.min(count, window.last),
    liveReads: input.liveReads ?? false,
    approval: input.approval ?? ApprovalChoice.approve,
  };
}

export interface BacktestProgress {
  /** Called after each batch with the events done so far and the runs of the batch. */
  onBatch(done: number, runs: readonly BacktestRun[]): void;
}

/** Runs a planned backtest to its report. */
export async function runBacktest(app: AppContext, plan: BacktestPlan, progress: BacktestProgress): Promise<BacktestReport> {
  const { definition } = plan;
  const trigger = definition.trigger as EventTrigger;
  const simulation = await SimulationEngine.open(app, definition, { liveReads: plan.liveReads, sandbox: false, approval: plan.approval, concurrency: 64 });
  const tally = new EffectTally();
  const outcomes = new Map<string, BacktestReport['outcomes'][number]>();
  let done = 0;
  let runs = 0;
  try {
    const listeners = await eventListeners(simulation.engine);
    const window = eventWindow(plan.window, trigger.event);
    let before: { at: number; id: string } | undefined;
    while (done < plan.total) {
      const events = await app.events.listInWindow({ ...window, limit: Math.min(BATCH, plan.total - done), ...(before === undefined ? {} : { before }) });
      const last = events.at(-1);
      if (last === undefined) break;
      before = { at: last.receivedAt.getTime(), id: last.id };
      const started: { event: ReceivedEvent; run: NewRun }[] = [];
      for (const event of events) {
        const matches = await matchEvent(simulation.engine, listeners, event, { at: simulation.clock.now() });
        const run = matches.find((match) => match.workflowId === definition.id)?.run;
        if (run) {
          simulation.recorder.learn(event.payload);
          started.push({ event, run });
        }
      }
      await simulation.run(started.map(({ run }) => run));
      const rows: BacktestRun[] = [];
      for (const { event, run } of started) {
        const summary = await simulatedRunSummary(simulation.engine.store, simulation.recorder, definition, run.id);
        rows.push(backtestRun(event, summary));
        tally.addAll(summary.effects);
        const key = `${summary.status}\u0000${summary.outcome ?? ''}`;
        const counted = outcomes.get(key) ?? { status: summary.status, outcome: summary.outcome, count: 0 };
        counted.count += 1;
        outcomes.set(key, counted);
      }
      simulation.recorder.clear();
      done += events.length;
      runs += rows.length;
      progress.onBatch(done, rows);
    }
  } finally {
    await simulation.close();
  }
  const effects = tally.list();
  return { events: done, runs, outcomes: [...outcomes.values()], effects, summary: effectsSummary(effects) };
}

function backtestRun(event: ReceivedEvent, run: Omit<SimulatedRun, 'steps'>): BacktestRun {
  return {
    eventId: event.id,
    eventType: event.type,
    eventCreated: new Date(event.created * 1000),
    status: run.status,
    outcome: run.outcome,
    path: run.path,
    effects: run.effects,
    error: run.error === null ? null : { code: run.error.code, message: run.error.message },
  };
}
