/**
 * What an approver reads before deciding a task: the request's form values,
 * the run so far, the deadline and what happens then, the exact action an
 * approval leads to, and the charge it acts on, fetched from Stripe.
 */
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import { titleFromId, titleOf } from '../core/id-from-title.ts';
import { STRIPE_CHARGE_ID } from '../core/stripe-charge-id.ts';
import { ApprovalStatus } from '../core/statuses.ts';
import type { Variables } from '../core/json.ts';
import { isStepType, type ApprovalStep, type Field, type WorkflowDocument } from '../definition/schema.ts';
import { scopeVariables } from '../engine/scope-variables.ts';
import { locateStep } from '../engine/step-graph.ts';
import type { Caller } from '../identity/caller.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { AttemptRecord, RunRecord } from '../store/records.ts';
import type { AppContext } from './app-context.ts';
import { taskAuthorityView, type TaskAuthorityView } from './approval-authority-view.ts';
import { nextActionsOnApproval, type NextStep } from '../engine/approval-next-action.ts';
import { requireRunReadable, runReaderOf } from './run-access.ts';
import { chargeLookupFailure, lookUpCharge, lookUpFraudWarnings, type ChargeDetails, type FraudWarning } from '../engine/stripe-charge-lookup.ts';

export interface ReviewField {
  key: string;
  label: string;
  type: Field['type'];
  value: unknown;
}

export interface RunStepDone {
  path: string;
  step: string;
  title: string;
  type: string;
  status: string;
  finished_at: string | null;
  /** In a few words: `approved by casey@example.com: "ok"`, `went to Finance approval` (a step's title, else its id in words). */
  summary: string;
}

/** When the task stops waiting on its approvers, and what happens then. */
export interface TaskDeadline {
  due_at: string;
  /** `reject`: rejected automatically; `escalate`: handed to team `escalate_to`; `step`: timed out, the run goes to `then_step`. */
  on_timeout: 'reject' | 'escalate' | 'step';
  escalate_to: string | null;
  then_step: string | null;
  /** `then_step` for people: its title, else its id in words. */
  then_step_title: string | null;
}

export interface ApprovalReview {
  task: ApprovalTaskRecord;
  run: { id: string; status: string; outcome: string | null; version: number };
  request: { id: string; offering: string; requester: string; submitted_at: string; fields: ReviewField[] } | null;
  steps: RunStepDone[];
  deadline: TaskDeadline | null;
  /** What an approval leads to, in order; the last is a money-moving step, the end, or a step that cannot be foreseen. */
  next_actions: NextStep[];
  /** What is at stake, whether some approver's limit covers it, and whether the caller can decide. */
  authority: TaskAuthorityView;
}

/**
 * The task, if the caller may read it: its approvers and their delegates, and
 * whoever may read its run (run-access.ts).
 * @throws NotFoundError `approval_not_found`; ForbiddenError `not_your_approval`.
 */
export async function requireReadableTask(app: AppContext, caller: Caller | undefined, id: string): Promise<ApprovalTaskRecord> {
  const task = await app.approvals.require(id);
  const reader = runReaderOf(caller);
  if (reader === undefined || task.approvers.includes(reader)) return task;
  const delegators = await app.approvals.delegatorsOf(reader, app.engine.clock.now());
  if (delegators.some((email) => task.approvers.includes(email))) return task;
  try {
    await requireRunReadable(app, reader, task.runId);
  } catch (error) {
    if (error instanceof ForbiddenError) {
      throw new ForbiddenError('not_your_approval', `approval task ${task.id} is not assigned to you; you see the tasks assigned to you or your team, and those of your own requests`, { path: 'id', cause: error });
    }
    throw error;
  }
  return task;
}

/** Reads a charge from Stripe: lookUpCharge, or one that remembers its answers for the length of a call. */
type ChargeLookup = (input: { id: string; connector: string | null }) => Promise<ChargeDetails>;

export async function approvalReview(app: AppContext, caller: Caller | undefined, id: string, lookUp: ChargeLookup = (input) => lookUpCharge(app.engine, input)): Promise<ApprovalReview> {
  const task = await requireReadableTask(app, caller, id);
  const run = await requireRun(app, task.runId);
  const definition = await app.engine.definitions.get(run.workflowId, run.version);
  const step = approvalStepOf(definition, task);
  const request = task.requestId === null ? undefined : await app.requests.get(task.requestId);
  const attempts = await app.engine.store.listAttempts(run.id);
  const nextActions =
    step === undefined
      ? []
      : await nextActionsOnApproval(
          {
            movesMoney: (uses) => app.catalog.get(uses)?.movesMoney === true,
            expressionTimeoutMs: app.engine.expressionTimeoutMs,
            currencyOf: async (target, connector) => {
              // Stripe has no charge by an id of another shape.
              if (!STRIPE_CHARGE_ID.test(target)) return { kind: 'not_found' };
              try {
                const charge = await lookUp({ id: target, connector });
                const refundable = charge.amount - charge.amount_refunded;
                // What the approvers saw: the money guard refuses the refund if it differs by then.
                if (task.status === ApprovalStatus.pending) {
                  await app.engine.store.refundLedger.recordApprovalView({ taskId: task.id, targetId: charge.id, refundable, currency: charge.currency, seenAt: app.engine.clock.now() });
                }
                return { kind: 'found', currency: charge.currency, refundable };
              } catch (error) {
                // The summary then says the charge could not be found or read; the charge panel shows Stripe's error.
                return chargeLookupFailure(error);
              }
            },
          },
          {
            definition,
            stepPath: task.stepPath,
            variables: await runVariables(app, run, task.stepPath),
            approvalOutput: { decision: 'approved', comment: null, by: caller?.user.email ?? null, at: app.engine.clock.now().toISOString(), task: task.id },
          },
        );
  return {
    task,
    run: { id: run.id, status: run.status, outcome: run.outcome, version: run.version },
    request:
      request === undefined
        ? null
        : { id: request.id, offering: request.offeringId, requester: request.requester, submitted_at: request.createdAt.toISOString(), fields: formFields(definition, request.values) },
    steps: stepsDone(definition, attempts),
    deadline: step === undefined ? null : deadlineOf(definition, step, task),
    next_actions: nextActions,
    authority: await taskAuthorityView(app, task, caller?.user.email),
  };
}

/** The charge a task is about, and what its card issuer reported: Stripe's word, asked when the approver looks. */
export interface ApprovalCharge {
  charge: ChargeDetails;
  /** Null when Stripe could not be asked (`early_fraud_warnings_error` says why): the charge is still shown. */
  early_fraud_warnings: FraudWarning[] | null;
  early_fraud_warnings_error: string | null;
}

/**
 * The charge the task is about: the one the next money-moving step acts on,
 * else a charge or payment intent id among the request's form values; with
 * its early fraud warnings.
 * @throws NotFoundError `charge_not_found` when the task names no charge or Stripe has none.
 */
export async function approvalCharge(app: AppContext, caller: Caller | undefined, id: string): Promise<ApprovalCharge> {
  // The review reads the charge for its currency: ask Stripe once for both.
  const asked = new Map<string, Promise<ChargeDetails>>();
  const lookUp: ChargeLookup = (input) => {
    const key = `${input.connector ?? ''} ${input.id}`;
    const answer = asked.get(key) ?? lookUpCharge(app.engine, input);
    asked.set(key, answer);
    return answer;
  };
  const review = await approvalReview(app, caller, id, lookUp);
  const action = review.next_actions.find((next) => next.kind === 'action' && next.target !== null && STRIPE_CHARGE_ID.test(next.target));
  const fromAction = action?.kind === 'action' && action.target !== null ? { id: action.target, connector: action.connector } : undefined;
  const fromForm = review.request?.fields.map((field) => field.value).find((value): value is string => typeof value === 'string' && STRIPE_CHARGE_ID.test(value));
  const found = fromAction ?? (fromForm === undefined ? undefined : { id: fromForm, connector: null });
  if (found === undefined) throw new NotFoundError('charge_not_found', `approval task ${id} names no Stripe charge or payment intent`, { path: 'id' });
  const charge = await lookUp(found);
  try {
    return { charge, early_fraud_warnings: await lookUpFraudWarnings(app.engine, { charge: charge.id, connector: found.connector }), early_fraud_warnings_error: null };
  } catch (error) {
    // A key without Radar's read permission, say: the charge itself is still worth showing.
    return { charge, early_fraud_warnings: null, early_fraud_warnings_error: error instanceof Error ? error.message : String(error) };
  }
}

async function requireRun(app: AppContext, id: string): Promise<RunRecord> {
  const run = await app.engine.store.getRun(id);
  if (!run) throw new NotFoundError('run_not_found', `the run ${id} of this approval task is gone`);
  return run;
}

function approvalStepOf(definition: WorkflowDocument, task: ApprovalTaskRecord): ApprovalStep | undefined {
  try {
    const { step } = locateStep(definition.steps, task.stepPath);
    return step.type === 'approval' ? step : undefined;
  } catch {
    return undefined;
  }
}

/** The variables the approval step saw, as the engine builds them (step-executor.ts). */
async function runVariables(app: AppContext, run: RunRecord, stepPath: string): Promise<Variables> {
  return {
    ...run.variables,
    ...(await scopeVariables(app.engine, { runId: run.id, path: stepPath })),
    run: { id: run.id, workflow: run.workflowId, version: run.version, started_at: run.createdAt.toISOString() },
  };
}

function formFields(definition: WorkflowDocument, values: Record<string, unknown>): ReviewField[] {
  const fields = definition.trigger.type === 'form' ? definition.trigger.form : definition.trigger.type === 'manual' ? definition.trigger.input : [];
  const known = fields.map((field) => ({ key: field.key, label: field.label ?? field.key, type: field.type, value: values[field.key] ?? null }));
  const extra = Object.keys(values)
    .filter((key) => !fields.some((field) => field.key === key))
    .map((key) => ({ key, label: key, type: 'text' as const, value: values[key] }));
  return [...known, ...extra];
}

function deadlineOf(definition: WorkflowDocument, step: ApprovalStep, task: ApprovalTaskRecord): TaskDeadline | null {
  if (task.dueAt === null || task.status !== 'pending') return null;
  const action = step.on_timeout ?? 'reject';
  const escalation = /^escalate:(.+)$/.exec(action);
  const none = { escalate_to: null, then_step: null, then_step_title: null };
  if (escalation?.[1] !== undefined) return { due_at: task.dueAt.toISOString(), on_timeout: 'escalate', ...none, escalate_to: escalation[1] };
  if (action === 'reject') return { due_at: task.dueAt.toISOString(), on_timeout: 'reject', ...none };
  return { due_at: task.dueAt.toISOString(), on_timeout: 'step', escalate_to: null, then_step: action, then_step_title: titleOfSibling(definition, task.stepPath, action) };
}

/** The last attempt of each step visit, in the order they started. */
function stepsDone(definition: WorkflowDocument, attempts: AttemptRecord[]): RunStepDone[] {
  const last = new Map<string, AttemptRecord>();
  for (const attempt of attempts) last.set(`${attempt.stepPath}#${attempt.visit}`, attempt);
  return [...last.values()]
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
    .map((attempt) => {
      let title = titleFromId(attempt.stepId);
      try {
        title = titleOf(locateStep(definition.steps, attempt.stepPath).step);
      } catch {
        // A step of another version: its id, in words, stands in.
      }
      return {
        path: attempt.stepPath,
        step: attempt.stepId,
        title,
        type: attempt.stepType,
        status: attempt.status,
        finished_at: attempt.finishedAt?.toISOString() ?? null,
        summary: stepSummary(attempt, (id) => titleOfSibling(definition, attempt.stepPath, id)),
      };
    });
}

/** The title of step `id` in the same list as the step at `path` (its id in words when it has none). */
function titleOfSibling(definition: WorkflowDocument, path: string, id: string): string {
  try {
    const { siblings } = locateStep(definition.steps, path);
    return titleOf(siblings.find((step) => step.id === id) ?? { id });
  } catch {
    return titleFromId(id);
  }
}

function stepSummary(attempt: AttemptRecord, titleOf: (id: string) => string): string {
  const output = (typeof attempt.output === 'object' && attempt.output !== null ? attempt.output : {}) as Record<string, unknown>;
  if (attempt.status === 'failed') return `failed: ${attempt.error?.message ?? 'no detail'}`;
  const plain = (): string => (typeof output.id === 'string' ? `${attempt.status}: ${output.id}` : attempt.status);
  const type = attempt.stepType;
  if (!isStepType(type)) return plain();
  switch (type) {
    case 'approval': {
      if (attempt.status === 'waiting') return 'waiting for a decision';
      const decision = typeof output.decision === 'string' ? output.decision.replaceAll('_', ' ') : 'decided';
      const by = typeof output.by === 'string' ? ` by ${output.by}` : '';
      const comment = typeof output.comment === 'string' && output.comment !== '' ? `: "${output.comment}"` : '';
      return `${decision}${by}${comment}`;
    }
    case 'decision':
      return typeof output.next === 'string' ? `went to ${titleOf(output.next)}` : 'decided';
    case 'set':
      return `set ${Object.keys(output).join(', ') || 'nothing'}`;
    case 'end':
      return typeof output.outcome === 'string' ? `ended: ${output.outcome}` : 'ended';
    case 'action':
    case 'wait':
    case 'parallel':
    case 'foreach':
    case 'workflow':
      return plain();
    default: {
      const _: never = type;
      return _;
    }
  }
}
