import { Cron } from 'croner';
import { InvalidInputError } from '../core/errors.ts';
import type { Trigger } from '../definition/schema.ts';
import type { ScheduleRecord } from '../store/records.ts';

type ScheduleTrigger = Extract<Trigger, { type: 'schedule' }>;

function cronOf(cron: string, timezone: string): Cron {
  try {
    return new Cron(cron, { timezone, paused: true });
  } catch (error) {
    throw new InvalidInputError('schedule_invalid', `trigger.cron: "${cron}" in ${timezone} is not a valid schedule: ${(error as Error).message}`, [], { path: 'trigger.cron' });
  }
}

/** The first tick strictly after `after`. */
export function nextTick(schedule: { cron: string; timezone: string }, after: Date): Date {
  const next = cronOf(schedule.cron, schedule.timezone).nextRun(after);
  if (!next) throw new InvalidInputError('schedule_invalid', `trigger.cron: "${schedule.cron}" never fires`, [], { path: 'trigger.cron' });
  return next;
}

/** The schedule row for a workflow about to be active, with its first tick after `now`. */
export function scheduleSpec(trigger: Trigger, now: Date): Omit<ScheduleRecord, 'workflowId' | 'version'> | null {
  if (trigger.type !== 'schedule') return null;
  return { cron: trigger.cron, timezone: trigger.timezone, catchUp: trigger.catch_up, nextAt: nextTick(trigger, now) };
}

/**
 * After firing the tick at `tick`: the next one. Without catch-up, ticks
 * missed while down collapse into the one just fired; with it, each missed
 * tick runs in turn.
 */
export function tickAfterFiring(schedule: ScheduleRecord, tick: Date, now: Date): Date {
  return nextTick(schedule, schedule.catchUp ? tick : new Date(Math.max(tick.getTime(), now.getTime())));
}

export function isScheduleTrigger(trigger: Trigger): trigger is ScheduleTrigger {
  return trigger.type === 'schedule';
}
