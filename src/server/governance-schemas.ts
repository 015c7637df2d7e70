/** Request and response schemas of the money governance routes: global policies and the refund reservation ledger. */
import { z } from 'zod';
import { approvalsPolicySchema, refundsPolicySchema } from '../definition/policy-schema.ts';
import { idSchema } from '../definition/value-formats.ts';
import { ReservationStatus } from '../store/refund-ledger-records.ts';

export const MAX_RESERVATION_PAGE = 200;
export const DEFAULT_RESERVATION_PAGE = 50;

const stripeId = (example: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,255}$/, `letters, digits, _ and - only, e.g. ${example}`)
    .optional();

export const reservationListQuery = z.strictObject({
  status: z.enum(Object.values(ReservationStatus)).optional().meta({ description: '`reserved` (the call may be under way), `settled` (money moved) or `released` (nothing moved)' }),
  charge: stripeId('ch_3Nx...').meta({ description: 'The charge (or, for a credit note, the invoice) the money comes from' }),
  customer: stripeId('cus_N4...').meta({ description: 'A Stripe customer id' }),
  workflow: idSchema.max(200).optional().meta({ description: 'A workflow id' }),
  limit: z.coerce.number().int().min(1).max(MAX_RESERVATION_PAGE).default(DEFAULT_RESERVATION_PAGE).meta({ description: `Reservations per page, 1 to ${MAX_RESERVATION_PAGE}` }),
  cursor: z.string().regex(/^rsv_[0-9a-z]{1,64}$/, 'the next_cursor of the previous page (rsv_...)').optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

export const policySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  refunds: refundsPolicySchema.nullable().meta({ description: 'Refund rules as the policy states them; null when it sets none' }),
  approvals: approvalsPolicySchema.nullable().meta({ description: 'Separation of duties as the policy states it; null when it sets none' }),
  updated_at: z.iso.datetime(),
});

export const policyListResponseSchema = z.object({
  policies: z.array(policySchema).meta({ description: "By id: the order they are layered in. A workflow's own `policy` block adds to them." }),
});

export const reservationSchema = z.object({
  id: z.string(),
  operation: z.string().meta({ description: 'The call that moves the money, e.g. `stripe.refunds.create`' }),
  charge: z.string().meta({ description: 'The charge (a credit note: its invoice) the money comes from' }),
  payment_intent: z.string().nullable(),
  customer: z.string().nullable(),
  workflow: z.string(),
  run_id: z.string(),
  step_path: z.string(),
  amount: z.number().int().meta({ description: 'Minor units (1500 = 15.00 USD)' }),
  currency: z.string(),
  status: z.enum(Object.values(ReservationStatus)),
  refund_id: z.string().nullable().meta({ description: 'The refund or credit note, once settled' }),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});

export const reservationListResponseSchema = z.object({
  reservations: z.array(reservationSchema).meta({ description: 'Newest first' }),
  next_cursor: z.string().nullable(),
});

export const governanceResponseComponents = {
  Policy: policySchema,
  PolicyListResponse: policyListResponseSchema,
  RefundReservation: reservationSchema,
  RefundReservationListResponse: reservationListResponseSchema,
} as const;

export type PolicyBodyJson = z.output<typeof policySchema>;
export type PolicyListBody = z.output<typeof policyListResponseSchema>;
export type ReservationJson = z.output<typeof reservationSchema>;
export type ReservationListBody = z.output<typeof reservationListResponseSchema>;
