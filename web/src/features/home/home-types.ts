/** The answers the home page reads from other features' endpoints (approvals, requests). */
import type { z } from 'zod';
import type { approvalListResponseSchema } from '../../../../src/server/approval-schemas.ts';
import type { requestListResponseSchema } from '../../../../src/server/catalog-schemas.ts';

export type HomeApprovalList = z.infer<typeof approvalListResponseSchema>;
export type HomeRequestList = z.infer<typeof requestListResponseSchema>;
