import type { ApprovalGateway } from '../engine/approval-gateway.ts';
import type { ApprovalTaskRecord } from '../store/approval-records.ts';
import type { ApprovalStore } from '../store/approval-store.ts';
import type { Store } from '../store/store.ts';

/** Tells approvers a task waits for them; idempotent by key. */
export type ApprovalNotifier = (task: ApprovalTaskRecord, idempotencyKey: string, reminder?: number) => Promise<void>;

/** The engine's view of approvals, over the approval store and the team directory. */
export function approvalGateway(options: { approvals: ApprovalStore; store: Store; notify: ApprovalNotifier }): ApprovalGateway {
  const { approvals, store } = options;
  return {
    open: (task) => approvals.open(task),
    get: (id) => approvals.get(id),
    settle: (id, outcome, status) => approvals.settle(id, outcome, status),
    reassign: (id, input) => approvals.reassign(id, input),
    requester: (requestId) => approvals.requester(requestId),
    async teamMembers(teamId) {
      const team = await store.getTeam(teamId);
      return team?.members.map((member) => member.email.toLowerCase());
    },
    notify: options.notify,
  };
}
