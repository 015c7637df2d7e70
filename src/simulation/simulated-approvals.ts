/**
 * Approval tasks in a simulation: decided the moment they open, as the
 * person previewing chose (approve or reject), and kept in memory only.
 */
import type { ApprovalGateway } from '../engine/approval-gateway.ts';
import { ApprovalStatus } from '../core/statuses.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { Store } from '../store/store.ts';

export const ApprovalChoice = { approve: 'approve', reject: 'reject' } as const;
export type ApprovalChoice = (typeof ApprovalChoice)[keyof typeof ApprovalChoice];

export function simulatedApprovals(options: { decide: ApprovalChoice; teams: Pick<Store, 'getTeam'> }): ApprovalGateway {
  const tasks = new Map<string, ApprovalTaskRecord>();
  const approved = options.decide === ApprovalChoice.approve;
  return {
    open(task) {
      const existing = tasks.get(task.id);
      if (existing) return Promise.resolve({ task: existing, created: false });
      const at = task.createdAt.toISOString();
      const record: ApprovalTaskRecord = {
        ...task,
        status: approved ? ApprovalStatus.approved : ApprovalStatus.rejected,
        outcome: { decision: approved ? 'approved' : 'rejected', comment: `Simulated: ${approved ? 'approved' : 'rejected'} in the preview`, by: task.approvers[0] ?? null, at },
        decidedAt: task.createdAt,
      };
      tasks.set(task.id, record);
      return Promise.resolve({ task: record, created: true });
    },
    get: (id) => Promise.resolve(tasks.get(id)),
    settle(id, outcome, status) {
      const task = tasks.get(id);
      if (!task) return Promise.reject(new Error(`no simulated approval task ${id}`));
      const settled = { ...task, outcome, status, decidedAt: new Date(outcome.at) };
      tasks.set(id, settled);
      return Promise.resolve(settled);
    },
    reassign(id, input) {
      const task = tasks.get(id);
      if (!task) return Promise.reject(new Error(`no simulated approval task ${id}`));
      const reassigned = { ...task, assigneeTeam: input.team, approvers: input.approvers, dueAt: input.dueAt };
      tasks.set(id, reassigned);
      return Promise.resolve(reassigned);
    },
    requester: () => Promise.resolve(null),
    async teamMembers(teamId) {
      const team = await options.teams.getTeam(teamId);
      return team?.members.map((member) => member.email.toLowerCase());
    },
    notify: () => Promise.resolve(),
  };
}
