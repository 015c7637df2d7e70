import { newId } from '../core/ids.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { handOffLeases } from '../engine/run-handoff.ts';
import { tickAfterFiring } from './schedule-trigger.ts';

/**
 * Fires due schedule ticks. Safe to run in many processes at once: each tick
 * is claimed in the same transaction that creates its run.
 */
export class ScheduleRunner {
  readonly #engine: EngineContext;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #firing: Promise<number> | undefined;

  constructor(engine: EngineContext, options: { intervalMs?: number } = {}) {
    this.#engine = engine;
    this.#intervalMs = options.intervalMs ?? 1000;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.fireDue(), this.#intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#firing;
  }

  /** Fires every due tick now; returns how many runs were started. */
  fireDue(): Promise<number> {
    this.#firing ??= this.#fire().finally(() => (this.#firing = undefined));
    return this.#firing;
  }

  async #fire(): Promise<number> {
    const now = this.#engine.clock.now();
    const definitions = new Map<string, string>();
    for (const schedule of await this.#engine.store.listSchedules()) {
      if (schedule.nextAt.getTime() > now.getTime()) continue;
      const definition = await this.#engine.definitions.get(schedule.workflowId, schedule.version);
      const first = definition.steps[0];
      if (first) definitions.set(schedule.workflowId, first.id);
    }
    if (definitions.size === 0) return 0;
    try {
      const fired = await handOffLeases(this.#engine, {
        wanted: definitions.size,
        write: (offer) => {
          let leases = offer?.count ?? 0;
          return this.#engine.store.fireDueSchedules({
            now,
            makeRun: (schedule, tick) => {
              const firstStep = definitions.get(schedule.workflowId);
              if (firstStep === undefined) return null;
              // The first runs made take the local worker's room, never more than it offered.
              const lease = offer !== undefined && leases > 0 ? offer.lease : undefined;
              if (lease) leases -= 1;
              return {
                id: newId('run', now),
                workflowId: schedule.workflowId,
                version: schedule.version,
                variables: { schedule: { tick: tick.toISOString(), cron: schedule.cron, timezone: schedule.timezone } },
                trigger: { type: 'schedule', tick: tick.toISOString() },
                firstStep,
                createdAt: now,
                ...(lease === undefined ? {} : { lease }),
              };
            },
            nextAt: (schedule, tick) => tickAfterFiring(schedule, tick, now),
          });
        },
        leasedOf: (fired) => fired.leased,
      });
      return fired.started;
    } catch (error) {
      this.#engine.logger.error({ err: error }, 'firing schedules failed; will try again');
      return 0;
    }
  }
}
