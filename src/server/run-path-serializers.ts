/** A run's path and waits (run-path.ts) to response bodies (run-path-schemas.ts). */
import type { PathEntry, RunWait } from '../application/run-path.ts';
import type { PathEntryBody, RunWaitBody } from './run-path-schemas.ts';

export function serializePathEntry(entry: PathEntry): PathEntryBody {
  return {
    step: entry.step,
    type: entry.type,
    title: entry.title,
    visit: entry.visit,
    status: entry.status,
    attempts: entry.attempts,
    started_at: entry.startedAt.toISOString(),
    finished_at: entry.finishedAt?.toISOString() ?? null,
    branch: entry.branch,
    decision: entry.decision,
    scopes: entry.scopes,
  };
}

export function serializeRunWait(wait: RunWait): RunWaitBody {
  return {
    step: wait.step,
    kind: wait.kind,
    until: wait.until?.toISOString() ?? null,
    task: wait.task,
    team: wait.team,
    approvers: wait.approvers,
    child_run: wait.childRun,
  };
}
