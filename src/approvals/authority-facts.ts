import { effectivePolicy, type EffectivePolicy, type PolicyBody } from '../definition/policy-schema.ts';
import type { ApprovalTaskRecord, MajorMoney } from '../store/approval-records.ts';
import type { ApprovalStore, RunApprovalDecision } from '../store/approval-store.ts';
import type { Store } from '../store/store.ts';
import type { AuthorityFacts, RunDecision } from './approval-authority.ts';

/** What the authority rules read: the run, its version, the team directory and the run's other tasks. */
export interface AuthoritySources {
  approvals: ApprovalStore;
  store: Pick<Store, 'getRun' | 'getVersion' | 'getTeam' | 'policies'>;
}

/** The facts refusalFor and missingAuthority judge `task` by. */
export async function authorityFacts(sources: AuthoritySources, task: ApprovalTaskRecord): Promise<AuthorityFacts> {
  return (await authorityFactsLoader(sources, [task]))(task);
}

/**
 * Loads the facts of several tasks at once (for a list): the policies, each run, version
 * and team once, and the decisions of all the runs in one query. Answers the facts of one of them.
 */
export async function authorityFactsLoader(sources: AuthoritySources, tasks: readonly ApprovalTaskRecord[]): Promise<(task: ApprovalTaskRecord) => AuthorityFacts> {
  const { approvals, store } = sources;
  const globals = (await store.policies.list()).map((policy) => policy.body);
  const runIds = [...new Set(tasks.map((task) => task.runId))];
  const runs = new Map(await Promise.all(runIds.map(async (runId) => [runId, await runFacts(store, globals, runId)] as const)));
  const teamIds = [...new Set(tasks.flatMap((task) => (task.assigneeTeam === null ? [] : [task.assigneeTeam])))];
  const limits = new Map(await Promise.all(teamIds.map(async (teamId) => [teamId, await teamLimits(store, teamId)] as const)));
  const decisions = await approvals.runDecisions(runIds);
  return (task) => {
    const run = runs.get(task.runId);
    return {
      policy: run?.policy ?? effectivePolicy(globals, undefined).approvals,
      publishedBy: run?.publishedBy ?? null,
      limits: (task.assigneeTeam === null ? undefined : limits.get(task.assigneeTeam)) ?? new Map(),
      otherDecisions: otherDecisionsOf(task, decisions),
    };
  };
}

/** The decisions among `decisions` on the tasks of other steps of `task`'s run. */
export function otherDecisionsOf(task: ApprovalTaskRecord, decisions: readonly RunApprovalDecision[]): RunDecision[] {
  return decisions
    .filter((decision) => decision.runId === task.runId && decision.stepPath !== task.stepPath)
    .map((decision) => ({ stepPath: decision.stepPath, title: decision.title, by: decision.by, onBehalfOf: decision.onBehalfOf }));
}

async function runFacts(store: AuthoritySources['store'], globals: readonly PolicyBody[], runId: string): Promise<{ policy: EffectivePolicy['approvals']; publishedBy: string | null }> {
  const run = await store.getRun(runId);
  const version = run === undefined ? undefined : await store.getVersion(run.workflowId, run.version);
  return { policy: effectivePolicy(globals, version?.definition.policy).approvals, publishedBy: version?.publishedBy ?? null };
}

async function teamLimits(store: AuthoritySources['store'], teamId: string): Promise<Map<string, MajorMoney | null>> {
  const team = await store.getTeam(teamId);
  return new Map((team?.members ?? []).map((member) => [member.email.toLowerCase(), member.approvalLimit]));
}
