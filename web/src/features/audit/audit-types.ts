import type { z } from 'zod';
import type { auditEntrySchema, auditListResponseSchema, auditVerifyResponseSchema } from '../../../../src/server/audit-schemas.ts';

export type AuditEntry = z.output<typeof auditEntrySchema>;
export type AuditList = z.output<typeof auditListResponseSchema>;
export type AuditVerifyReport = z.output<typeof auditVerifyResponseSchema>;
