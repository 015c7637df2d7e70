import { triggerSchema, type Trigger } from '../definition/schema.ts';
import type { WorkflowRunSummary } from '../store/workflow-run-summary-queries.ts';
import type { WorkflowRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { publicUrlOf, workflowWebhookPath } from './public-url.ts';

/** How far back the workflows list counts failed runs. */
export const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A workflow as the workflows list shows it: what starts it, its newest run and its recent failures. */
export interface WorkflowListing {
  workflow: WorkflowRecord;
  /** The trigger of the active version, else of the newest version, else of the draft; null when none parses. */
  trigger: Trigger | null;
  lastRun: WorkflowRunSummary['lastRun'];
  /** Runs that ended failed in the last 24 hours. */
  failures24h: number;
  /**
   * For an active workflow with a schedule trigger: the tick the schedule runner fires next, as the engine
   * keeps it (computed by the schedule's cron and time zone when it was published or last fired). Null otherwise.
   */
  nextRunAt: Date | null;
  /** For a webhook trigger: where deliveries go, the path and the whole URL on TOLLGATE_PUBLIC_URL (null when not set). Null otherwise. */
  inbound: { path: string; url: string | null } | null;
}

/** Every workflow, ordered by id, with its trigger, newest run, failures in the last 24 hours and next scheduled run. */
export async function listWorkflows(app: AppContext): Promise<WorkflowListing[]> {
  const since = new Date(app.engine.clock.now().getTime() - FAILURE_WINDOW_MS);
  const [workflows, summaries, schedules] = await Promise.all([app.engine.store.listWorkflows(), app.engine.store.summarizeWorkflowRuns({ since }), app.engine.store.listSchedules()]);
  const nextTicks = new Map(schedules.map((schedule) => [schedule.workflowId, schedule.nextAt]));
  const sorted = [...workflows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Promise.all(
    sorted.map(async (workflow) => {
      const summary = summaries.get(workflow.id);
      const trigger = await triggerOf(app, workflow);
      const path = workflowWebhookPath(workflow.id);
      const inbound = trigger?.type === 'webhook' ? { path, url: publicUrlOf(app, path) } : null;
      return { workflow, trigger, lastRun: summary?.lastRun ?? null, failures24h: summary?.failedSince ?? 0, nextRunAt: nextTicks.get(workflow.id) ?? null, inbound };
    }),
  );
}

async function triggerOf(app: AppContext, workflow: WorkflowRecord): Promise<Trigger | null> {
  const version = workflow.activeVersion ?? (workflow.latestVersion > 0 ? workflow.latestVersion : null);
  // Published versions are parsed once per process by the definition cache.
  const definition: unknown = version === null ? workflow.draft : await app.engine.definitions.get(workflow.id, version);
  const parsed = triggerSchema.safeParse((definition as { trigger?: unknown } | null)?.trigger);
  return parsed.success ? parsed.data : null;
}
