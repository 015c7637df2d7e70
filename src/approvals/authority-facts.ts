import { effectivePolicy } from '../definition/policy-schema.ts';
import type { ApprovalTaskRecord, MajorMoney } from '../store/approval-records.ts';
import type { ApprovalStore } from '../store/approval-store.ts';
import type { Store } from '../store/store.ts';
import type { AuthorityFacts, RunDecision } from './approval-authority.ts';

/** What the authority rules read: the run, its version, the team directory and the run's other tasks. */
export interface AuthoritySources {
  approvals: ApprovalStore;
  store: Pick<Store, 'getRun' | 'getVersion' | 'getTeam' | 'policies'>;
}

/** The most approval tasks one run is expected to have; beyond it the oldest are not looked at. */
const MAX_RUN_TASKS = 500;

/** The facts refusalFor and missingAuthority judge `task` by. */
export async function authorityFacts(sources: AuthoritySources, task: ApprovalTaskRecord): Promise<AuthorityFacts> {
  const { approvals, store } = sources;
  const run = await store.getRun(task.runId);
  const version = run === undefined ? undefined : await store.getVersion(run.workflowId, run.version);
  const globals = (await store.policies.list()).map((policy) => policy.body);
  const policy = effectivePolicy(globals, version?.definition.policy);
  const team = task.assigneeTeam === null ? undefined : await store.getTeam(task.assigneeTeam);
  const limits = new Map<string, MajorMoney | null>((team?.members ?? []).map((member) => [member.email.toLowerCase(), member.approvalLimit]));
  const others = (await approvals.list({ runId: task.runId, limit: MAX_RUN_TASKS })).filter((other) => other.stepPath !== task.stepPath);
  const otherDecisions: RunDecision[] = [];
  for (const other of others) {
    for (const decision of await approvals.decisions(other.id)) {
      otherDecisions.push({ stepPath: other.stepPath, title: other.title, by: decision.userEmail, onBehalfOf: decision.onBehalfOf });
    }
  }
  return { policy: policy.approvals, publishedBy: version?.publishedBy ?? null, limits, otherDecisions };
}
