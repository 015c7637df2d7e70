import type { z } from 'zod';
import type { policySchema, policyListResponseSchema, reservationListResponseSchema, reservationSchema } from '../../../../src/server/governance-schemas.ts';

export type Policy = z.output<typeof policySchema>;
export type PolicyList = z.output<typeof policyListResponseSchema>;
export type Reservation = z.output<typeof reservationSchema>;
export type ReservationList = z.output<typeof reservationListResponseSchema>;
export type RefundCap = NonNullable<NonNullable<Policy['refunds']>['limits']>[number];
