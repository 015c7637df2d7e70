import { effectivePolicy, type EffectivePolicy } from '../definition/policy-schema.ts';
import type { ApprovalTaskRecord, MajorMoney } from '../store/approval-records.ts';
import type { ApprovalStore, RunApprovalDecision } from '../store/approval-store.ts';
import type { VersionRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import type { AuthorityFacts, RunDecision } from './approval-authority.ts';

/** What the authority rules read: the run, its version, the team directory and the run's other tasks. */
export interface AuthoritySources {
  approvals: ApprovalStore;
  store: Pick<Store, 'getVersion' | 'getTeam' | 'policies'>;
}

/** The facts refusalFor and missingAuthority judge `task` by. */
export async function authorityFacts(sources: AuthoritySources, task: ApprovalTaskRecord): Promise<AuthorityFacts> {
  return (await authorityFactsLoader(sources, [task]))(task);
}

/**
 * Loads the facts of several tasks at once (for a list): the policies, each run, version
 * and team once, and the decisions of all the runs in one query, all read side by side.
 * Answers the facts of one of them.
 */
export async function authorityFactsLoader(sources: AuthoritySources, tasks: readonly ApprovalTaskRecord[]): Promise<(task: ApprovalTaskRecord) => AuthorityFacts> {
  const { approvals, store } = sources;
  const runIds = [...new Set(tasks.map((task) => task.runId))];
  const teamIds = [...new Set(tasks.flatMap((task) => (task.assigneeTeam === null ? [] : [task.assigneeTeam])))];
  const [policies, versions, limits, decisions] = await Promise.all([
    store.policies.list(),
    runVersions(sources, runIds),
    Promise.all(teamIds.map(async (teamId) => [teamId, await teamLimits(store, teamId)] as const)).then((entries) => new Map(entries)),
    approvals.runDecisions(runIds),
  ]);
  const globals = policies.map((policy) => policy.body);
  const fallback = effectivePolicy(globals, undefined).approvals;
  const policyOf = new Map<VersionRecord | undefined, EffectivePolicy['approvals']>();
  return (task) => {
    const version = versions.get(task.runId);
    let policy = policyOf.get(version);
    if (policy === undefined) {
      policy = version === undefined ? fallback : effectivePolicy(globals, version.definition.policy).approvals;
      policyOf.set(version, policy);
    }
    return {
      policy,
      publishedBy: version?.publishedBy ?? null,
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

/** The version each run follows: the runs' versions in one query, then each distinct version once. */
async function runVersions(sources: AuthoritySources, runIds: readonly string[]): Promise<Map<string, VersionRecord | undefined>> {
  const runs = await sources.approvals.runVersions(runIds);
  const versionKey = (run: { workflowId: string; version: number }) => `${run.workflowId}@${run.version}`;
  const distinct = new Map([...runs.values()].map((run) => [versionKey(run), run]));
  const versions = new Map(await Promise.all([...distinct].map(async ([key, run]) => [key, await sources.store.getVersion(run.workflowId, run.version)] as const)));
  return new Map([...runs].map(([runId, run]) => [runId, versions.get(versionKey(run))]));
}

async function teamLimits(store: AuthoritySources['store'], teamId: string): Promise<Map<string, MajorMoney | null>> {
  const team = await store.getTeam(teamId);
  return new Map((team?.members ?? []).map((member) => [member.email.toLowerCase(), member.approvalLimit]));
}
