/**
 * What happened to a catalog request, in words its requester can follow:
 * submitted, each approval asked for and decided (who, when, the comment),
 * each action done (with the id of what it created, e.g. the refund), each
 * message sent, and how it ended.
 */
import { titleOf as stepTitle } from '../core/id-from-title.ts';
import { isFinal } from '../core/statuses.ts';
import type { Step } from '../definition/schema.ts';
import { allSteps } from '../definition/workflow-graph.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { AttemptRecord, RunRecord, TeamRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { requestDetail } from './request-admin.ts';

/** Operations whose call is a message to a person. */
const MESSAGE_OPERATIONS: ReadonlySet<string> = new Set(['email.send', 'webhook.post']);

export interface TimelinePerson {
  email: string;
  /** The user's or team member's name, when Tollgate knows it. */
  name: string | null;
}

interface StepPart {
  /** The step's path in the run, e.g. `csm_review`. */
  step: string;
  /** The step's title, or its id in words when it has none (`tell_denied` → `Tell denied`). */
  title: string;
}

export type TimelineEntry =
  | { kind: 'submitted'; at: Date; by: TimelinePerson }
  | (StepPart & { kind: 'approval_waiting'; at: Date; team: { id: string; title: string } | null; dueAt: Date | null })
  | (StepPart & { kind: 'approval_decided'; at: Date; decision: 'approved' | 'rejected'; by: TimelinePerson; onBehalfOf: TimelinePerson | null; comment: string | null })
  | (StepPart & { kind: 'approval_timed_out'; at: Date })
  | (StepPart & { kind: 'action'; at: Date; operation: string; status: AttemptRecord['status']; reference: string | null; error: string | null })
  | (StepPart & { kind: 'message'; at: Date; operation: string; to: string | null; subject: string | null })
  | { kind: 'ended'; at: Date; status: RunRecord['status']; outcome: string | null; error: string | null };

/**
 * The timeline of request `id`, oldest first.
 * @throws NotFoundError `request_not_found`, `run_not_found`.
 */
export async function requestTimeline(app: AppContext, id: string): Promise<TimelineEntry[]> {
  const { request, run } = await requestDetail(app, id);
  const [definition, tasks, attempts] = await Promise.all([
    app.engine.definitions.get(run.workflowId, run.version),
    app.approvals.list({ runId: run.id, limit: 100 }),
    app.engine.store.listAttempts(run.id),
  ]);
  const steps = new Map(allSteps(definition.steps).map(({ step }) => [step.id, step]));
  const titleOf = (stepId: string) => stepTitle(steps.get(stepId) ?? { id: stepId });
  const teams = await app.engine.store.listTeams();
  const people = await personLookup(app, teams);
  const entries: TimelineEntry[] = [{ kind: 'submitted', at: request.createdAt, by: people(request.requester) }];
  const teamOf = (id: string | null) => (id === null ? null : { id, title: teams.find((team) => team.id === id)?.title ?? id });
  for (const task of tasks) entries.push(...(await approvalEntries(app, task, { titleOf, people, teamOf })));
  for (const attempt of lastAttempts(attempts)) {
    const step = steps.get(attempt.stepId);
    if (step?.type === 'action') entries.push(actionEntry(attempt, step, titleOf(step.id)));
  }
  if (isFinal(run.status)) {
    entries.push({ kind: 'ended', at: run.finishedAt ?? run.updatedAt, status: run.status, outcome: run.outcome, error: run.status === 'failed' ? (run.error?.message ?? null) : null });
  }
  // Stable: entries at the same instant keep the order above (submitted first, ended last).
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

interface Names {
  titleOf: (stepId: string) => string;
  people: (email: string) => TimelinePerson;
  teamOf: (id: string | null) => { id: string; title: string } | null;
}

async function approvalEntries(app: AppContext, task: ApprovalTaskRecord, { titleOf, people, teamOf }: Names): Promise<TimelineEntry[]> {
  const part = { step: task.stepPath, title: task.title || titleOf(task.stepPath) };
  const entries: TimelineEntry[] = (await app.approvals.decisions(task.id)).map((decision) => ({
    ...part,
    kind: 'approval_decided',
    at: decision.decidedAt,
    decision: decision.decision,
    by: people(decision.userEmail),
    onBehalfOf: decision.onBehalfOf === null ? null : people(decision.onBehalfOf),
    comment: decision.comment,
  }));
  if (task.status === 'pending') entries.push({ ...part, kind: 'approval_waiting', at: task.createdAt, team: teamOf(task.assigneeTeam), dueAt: task.dueAt });
  if (task.status === 'timed_out') entries.push({ ...part, kind: 'approval_timed_out', at: task.decidedAt ?? task.createdAt });
  return entries;
}

/** The latest attempt of each step visit: retries before it are the engine's business, not the requester's. */
function lastAttempts(attempts: readonly AttemptRecord[]): AttemptRecord[] {
  const latest = new Map<string, AttemptRecord>();
  for (const attempt of attempts) {
    const key = `${attempt.stepPath}#${attempt.visit}`;
    const seen = latest.get(key);
    if (seen === undefined || attempt.attempt >= seen.attempt) latest.set(key, attempt);
  }
  return [...latest.values()];
}

function actionEntry(attempt: AttemptRecord, step: Extract<Step, { type: 'action' }>, title: string): TimelineEntry {
  const part = { step: attempt.stepPath, title };
  const at = attempt.finishedAt ?? attempt.startedAt;
  if (MESSAGE_OPERATIONS.has(step.uses) && attempt.status === 'succeeded') {
    // email.send takes `to` and `subject`; webhook.post carries them in its `body` when the workflow sends a message.
    const input = asObject(attempt.input);
    const fields = step.uses === 'webhook.post' ? asObject(input.body) : input;
    return { ...part, kind: 'message', at, operation: step.uses, to: textOf(fields.to), subject: textOf(fields.subject) };
  }
  const output = asObject(attempt.output);
  return { ...part, kind: 'action', at, operation: step.uses, status: attempt.status, reference: textOf(output.id), error: attempt.error?.message ?? null };
}

/** Names for emails: users first, then team members. */
async function personLookup(app: AppContext, teams: readonly TeamRecord[]): Promise<(email: string) => TimelinePerson> {
  const names = new Map<string, string>();
  for (const team of teams) {
    for (const member of team.members) if (member.name !== null) names.set(member.email.toLowerCase(), member.name);
  }
  for (const user of await app.identity.store.listUsers()) if (user.name !== null) names.set(user.email.toLowerCase(), user.name);
  return (email) => ({ email, name: names.get(email.toLowerCase()) ?? null });
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return null;
}
