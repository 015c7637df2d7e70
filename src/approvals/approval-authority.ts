/**
 * Who may decide an approval task beyond being one of its approvers: their
 * approval limit covers what is at stake, they decided no other step of the
 * same run (`distinct_approvers`), and they did not publish the version the
 * run follows (`author_cannot_approve`). Pure rules over facts loaded by
 * authority-facts.ts, so the decision, the inbox and the review agree.
 */
import { titleFromId } from '../core/id-from-title.ts';
import type { EffectivePolicy } from '../definition/policy-schema.ts';
import type { ApprovalTaskRecord, MajorMoney } from '../store/approval-records.ts';

/** An earlier decision on another approval task of the same run. */
export interface RunDecision {
  stepPath: string;
  /** The task's title, for messages. */
  title: string;
  /** Who decided (a delegate, when one decided). */
  by: string;
  /** The approver a delegate decided for, or null. */
  onBehalfOf: string | null;
}

export interface AuthorityFacts {
  policy: EffectivePolicy['approvals'];
  /** Who published the version the run follows; null for a system publish. */
  publishedBy: string | null;
  /** Approval limits of the assigned team's members, by lower-case email; a member without one has no cap. */
  limits: ReadonlyMap<string, MajorMoney | null>;
  /** Decisions on the run's approval tasks of other steps. */
  otherDecisions: readonly RunDecision[];
}

/** The codes a refusal to decide answers with. */
export const REFUSAL_CODES = ['author_cannot_approve', 'separation_of_duties', 'approval_authority_exceeded', 'not_an_approver'] as const;

/**
 * Why someone may not decide: the code and message of the 403 deciding answers. A plain value, not an
 * error, because the inbox judges a whole page of tasks and an error's stack costs more than the rule.
 */
export interface Refusal {
  code: (typeof REFUSAL_CODES)[number];
  message: string;
  /**
   * The same for the one who would decide, as the inbox and the review show it to them: in the second
   * person, steps by their titles, e.g. `You decided “CSM review” in this run; one person decides one approval step of a run.`
   */
  note: string;
}

/** One person deciding: `by`, or `by` as a delegate of `onBehalfOf`, whose authority they use. */
export interface Decider {
  by: string;
  onBehalfOf: string | null;
}

/** `6,000 USD` */
export function formatMajor(money: MajorMoney): string {
  return `${money.amount.toLocaleString('en-US', { maximumFractionDigits: 4 })} ${money.currency.toUpperCase()}`;
}

/** Whether a limit (null: no cap) covers what is at stake (null: nothing declared). */
export function limitCovers(limit: MajorMoney | null, stake: MajorMoney | null): boolean {
  if (stake === null || limit === null) return true;
  return limit.currency === stake.currency && limit.amount >= stake.amount;
}

/**
 * Why `decider` may not decide `task` (the error deciding answers), or null when they may. A delegate
 * decides with the authority of the approver they decide for, and both count
 * as having decided: neither may decide another step of the run.
 */
export function refusalFor(task: ApprovalTaskRecord, facts: AuthorityFacts, decider: Decider): Refusal | null {
  const people = [decider.by, ...(decider.onBehalfOf === null ? [] : [decider.onBehalfOf])];
  if (facts.policy.authorCannotApprove && facts.publishedBy !== null && people.includes(facts.publishedBy)) {
    return {
      code: 'author_cannot_approve',
      message: `${facts.publishedBy} published the workflow version this run follows and cannot decide its approval tasks; another approver must`,
      note: `${facts.publishedBy === decider.by ? 'You' : standIn(facts.publishedBy)} published the workflow version this run follows, and its author does not decide its approvals.`,
    };
  }
  if (facts.policy.distinctApprovers) {
    const earlier = facts.otherDecisions.find((decision) => people.includes(decision.by) || (decision.onBehalfOf !== null && people.includes(decision.onBehalfOf)));
    if (earlier !== undefined) {
      const who = people.includes(earlier.by) ? earlier.by : (earlier.onBehalfOf ?? earlier.by);
      return {
        code: 'separation_of_duties',
        message: `${who} already decided "${earlier.title}" (step ${earlier.stepPath}) of this run; one person decides one approval step of a run, so someone else must decide "${task.title}"`,
        note: `${whoDecided(earlier, decider)} in this run; one person decides one approval step of a run.`,
      };
    }
  }
  const authority = decider.onBehalfOf ?? decider.by;
  const limit = facts.limits.get(authority) ?? null;
  if (task.stake !== null && limit !== null && !limitCovers(limit, task.stake)) {
    return {
      code: 'approval_authority_exceeded',
      message: `${authority} may approve up to ${formatMajor(limit)}; this task is about ${formatMajor(task.stake)}, so it needs someone with a limit of at least ${formatMajor(task.stake)}`,
      note: `${decider.onBehalfOf === null ? 'Your approval limit' : `The approval limit of ${standIn(decider.onBehalfOf)}`} is ${formatMajor(limit)}; this task is about ${formatMajor(task.stake)}.`,
    };
  }
  return null;
}

/** `fran@example.com, whom you stand in for`: the approver a delegate decides for. */
function standIn(email: string): string {
  return `${email}, whom you stand in for,`;
}

/** `You decided “CSM review”`, or who did, as the one who would decide reads it (they, for them, or for the approver they stand in for). */
function whoDecided(earlier: RunDecision, decider: Decider): string {
  const step = `“${stepTitle(earlier)}”`;
  if (earlier.by === decider.by) return `You decided ${step}`;
  if (earlier.onBehalfOf === decider.by) return `${earlier.by} decided ${step} for you`;
  if (earlier.by === decider.onBehalfOf) return `${standIn(earlier.by)} decided ${step}`;
  return `${earlier.by} decided ${step} for ${standIn(earlier.onBehalfOf ?? 'the approver')}`;
}

/** A decided task's title; a task opened before titles were kept in words holds its step's bare id (`csm_review` → `Csm review`). */
function stepTitle(decision: RunDecision): string {
  return decision.title === decision.stepPath.split('/').at(-1) ? titleFromId(decision.title) : decision.title;
}

/**
 * The limit the task needs when none of its approvers' limits covers its
 * stake (everyone's is too low or in another currency); null when someone's does.
 */
export function missingAuthority(task: ApprovalTaskRecord, facts: AuthorityFacts): MajorMoney | null {
  if (task.stake === null) return null;
  const covered = task.approvers.some((email) => limitCovers(facts.limits.get(email) ?? null, task.stake));
  return covered ? null : task.stake;
}
