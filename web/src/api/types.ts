/**
 * The API's answer types, inferred from the server's own zod schemas (type-only imports: nothing
 * of the server is bundled). One definition: a renamed field breaks the web app's typecheck.
 */
import type { z } from 'zod';
import type { meResponseSchema, userSchema } from '../../../src/server/identity-schemas.ts';

export type Me = z.infer<typeof meResponseSchema>;
export type User = z.infer<typeof userSchema>;
import type { approvalDetailResponseSchema, approvalTaskSchema } from '../../../src/server/approval-schemas.ts';
import type { approvalReviewResponseSchema, chargeSchema, delegationSchema, nextStepSchema } from '../../../src/server/approval-review-schemas.ts';

export type ApprovalTask = z.infer<typeof approvalTaskSchema>;
export type ApprovalDetail = z.infer<typeof approvalDetailResponseSchema>;
export type ApprovalReview = z.infer<typeof approvalReviewResponseSchema>;
export type ApprovalNextStep = z.infer<typeof nextStepSchema>;
export type Charge = z.infer<typeof chargeSchema>;
export type Delegation = z.infer<typeof delegationSchema>;
