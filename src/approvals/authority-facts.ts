import { effectivePolicy, type EffectivePolicy, type PolicyBody } from '../definition/policy-schema.ts';
import type { ApprovalTaskRecord, MajorMoney } from '../store/approval-records.ts';
import type { ApprovalStore, RunApprovalDecision } from '../store/approval-store.ts';
import type { Store } from '../store/store.ts';
import type { AuthorityFacts, RunDecision } from './approval-authority.ts';

interface RunFacts {
  policy: EffectivePolicy['approvals'];
  publishedBy: string | null;
}

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
 * and team once, and the decisions of all the runs in one query. Answers the facts of one of them.
 */
export async function authorityFactsLoader(sources: AuthoritySources, tasks: readonly ApprovalTaskRecord[]): Promise<(task: ApprovalTaskRecord) => AuthorityFacts> {
  const { approvals, store } = sources;
  const globals = (await store.policies.list()).map((policy) => policy.body);
  const runIds = [...new Set(tasks.map((task) => task.runId))];
  const runs = await runFacts(sources, globals, runIds);
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

/** Each run's policy and who published its version: the runs' versions in one query, then each distinct version once. */
async function runFacts(sources: AuthoritySources, globals: readonly PolicyBody[], runIds: readonly string[]): Promise<Map<string, RunFacts>> {
  const runVersions = await sources.approvals.runVersions(runIds);
  const versionKey = (run: { workflowId: string; version: number }) => `${run.workflowId}@${run.version}`;
  const distinct = new Map([...runVersions.values()].map((run) => [versionKey(run), run]));
  const facts = new Map(
    await Promise.all(
      [...distinct].map(async ([key, run]) => {
        const version = await sources.store.getVersion(run.workflowId, run.version);
        return [key, { policy: effectivePolicy(globals, version?.definition.policy).approvals, publishedBy: version?.publishedBy ?? null }] as const;
      }),
    ),
  );
  return new Map([...runVersions].flatMap(([runId, run]) => {
    const found = facts.get(versionKey(run));
    return found === undefined ? [] : [[runId, found] as const];
  }));
}

async function teamLimits(store: AuthoritySources['store'], teamId: string): Promise<Map<string, MajorMoney | null>> {
  const team = await store.getTeam(teamId);
  return new Map((team?.members ?? []).map((member) => [member.email.toLowerCase(), member.approvalLimit]));
}
