import { z } from 'zod';
import { currencySchema } from './policy-schema.ts';

/**
 * The most a team member may approve, in major units of one currency: a task
 * at stake above it, or in another currency, is not theirs to decide. A member
 * without one has no cap.
 */
export const approvalLimitSchema = z
  .strictObject({
    amount: z.number().positive().describe('The largest amount the member may approve, in major units (5000 = 5,000 USD)'),
    currency: currencySchema,
  })
  .meta({ description: 'Approver authority: the most this member may approve. Without it the member has no cap.' });
export type ApprovalLimit = z.infer<typeof approvalLimitSchema>;
