import { InvalidInputError } from '../core/errors.ts';
import type { RunCounts } from '../store/run-stats-queries.ts';
import type { AppContext } from './app-context.ts';

const HOUR_MS = 3_600_000;
/** The longest window the run statistics cover. */
export const MAX_STATS_DAYS = 31;
export const DEFAULT_STATS_DAYS = 7;

export interface HourlyRunCounts extends RunCounts {
  /** The start of the hour (UTC). */
  hour: Date;
}

export interface WorkflowRunCounts extends RunCounts {
  workflowId: string;
  /** The workflow's title, or null when it has none (or was removed). */
  title: string | null;
}

export interface RunStats {
  /** The start of the first hour counted. */
  since: Date;
  /** Every hour of the window, oldest first, the current hour last; hours without runs count zero. */
  hours: HourlyRunCounts[];
  /** The workflows that started runs in the window, most runs first. */
  workflows: WorkflowRunCounts[];
}

/**
 * Runs started in the last `days` days (whole hours: the current hour and the
 * `days * 24 - 1` before it), per hour and per workflow, with how many of them
 * succeeded and failed so far. `visibleTo` counts only the runs that person may read.
 */
export async function runStats(app: AppContext, options: { days: number; visibleTo?: string | undefined }): Promise<RunStats> {
  const { days } = options;
  if (!Number.isInteger(days) || days < 1 || days > MAX_STATS_DAYS) {
    throw new InvalidInputError('request_invalid', `days ${days} is out of range; give a whole number from 1 to ${MAX_STATS_DAYS}`, [], { path: 'days' });
  }
  const currentHour = Math.floor(app.engine.clock.now().getTime() / HOUR_MS) * HOUR_MS;
  const since = new Date(currentHour - (days * 24 - 1) * HOUR_MS);
  const [counted, workflows] = await Promise.all([
    app.engine.store.runStats({ since, lastHour: new Date(currentHour), ...(options.visibleTo === undefined ? {} : { visibleTo: options.visibleTo }) }),
    app.engine.store.listWorkflows(),
  ]);
  const hours: HourlyRunCounts[] = [];
  for (let hour = since.getTime(); hour <= currentHour; hour += HOUR_MS) {
    hours.push({ hour: new Date(hour), ...(counted.hours.get(hour) ?? { started: 0, succeeded: 0, failed: 0 }) });
  }
  const titles = new Map(workflows.map((workflow) => [workflow.id, workflow.title]));
  const perWorkflow = [...counted.workflows]
    .map(([workflowId, counts]) => ({ workflowId, title: titles.get(workflowId) ?? null, ...counts }))
    .sort((a, b) => b.started - a.started || (a.workflowId < b.workflowId ? -1 : 1));
  return { since, hours, workflows: perWorkflow };
}
