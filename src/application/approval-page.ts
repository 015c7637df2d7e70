/** The approvals inbox's paging and status filter, apart from its queries so the CLI registers them without loading those. */
import type { ApprovalStatus } from '../core/statuses.ts';

export const MAX_APPROVAL_PAGE = 200;
export const DEFAULT_APPROVAL_PAGE = 50;

export type ApprovalTaskStatus = ApprovalStatus;
export const APPROVAL_TASK_STATUSES: readonly ApprovalTaskStatus[] = ['pending', 'approved', 'rejected', 'timed_out', 'cancelled'];
