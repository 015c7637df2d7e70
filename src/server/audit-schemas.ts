/** Request and response schemas of the audit trail routes. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../core/audit-entry.ts';

export const MAX_AUDIT_PAGE = 500;
export const DEFAULT_AUDIT_PAGE = 50;

const text = z.string().min(1).max(320);
const actions = z
  .union([z.enum(AUDIT_ACTIONS), z.array(z.enum(AUDIT_ACTIONS)).min(1).max(AUDIT_ACTIONS.length)])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .meta({ description: 'One action, or several (`action=login.failed&action=login.succeeded`), e.g. `money.moved`' });

/** The filters every audit listing and export takes. */
const filterFields = {
  actor: text.optional().meta({ description: "The actor's id: a person's email, a run id (`run_...`), or a system part's name" }),
  action: actions.optional(),
  target_type: text.optional().meta({ description: 'The target type: `workflow`, `run`, `user`, `charge`, ...' }),
  target_id: text.optional().meta({ description: 'The target id, e.g. a workflow id or `ch_...`' }),
  service: text.optional().meta({ description: 'A catalog service id' }),
  offering: text.optional().meta({ description: 'A catalog offering id' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'At or after this time (ISO 8601)' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Before this time (ISO 8601)' }),
};

/** True unless both ends are given and `to` is not after `from`. */
function rangeInOrder(value: { from?: string | undefined; to?: string | undefined }): boolean {
  return value.from === undefined || value.to === undefined || Date.parse(value.to) > Date.parse(value.from);
}
const RANGE_ORDER = { path: ['to'], message: 'must be after from' };

export const auditListQuery = z
  .strictObject({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE).meta({ description: `Entries per page, 1 to ${MAX_AUDIT_PAGE}` }),
    cursor: z.coerce.number().int().min(1).optional().meta({ description: 'The `next_cursor` of the previous page (a seq)' }),
  })
  .refine(rangeInOrder, RANGE_ORDER);

export const auditExportQuery = z
  .strictObject({ ...filterFields, format: z.enum(['csv', 'json']).default('json').meta({ description: '`json` (an array of entries) or `csv`' }) })
  .refine(rangeInOrder, RANGE_ORDER);

export const auditEntryParams = z.strictObject({ seq: z.coerce.number().int().min(1).meta({ description: "An entry's seq" }) });

export const auditVerifyQuery = z.strictObject({
  anchor: z
    .string()
    .regex(/^\d+:[0-9a-f]{64}$/, 'write <seq>:<hash>, as GET /api/v1/audit/anchor gives it')
    .optional()
    .meta({ description: 'An anchor kept outside (`<seq>:<hash>`): also prove that entry is still there with that hash' }),
});

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actor: z.object({ type: z.enum(['user', 'run', 'system']), id: z.string(), via: z.string().nullable().meta({ description: '`session`, `api_key:<id>`, `cli`, or null' }) }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  service: z.string().nullable(),
  offering: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).meta({ description: 'What else the entry records: `before` and `after`, amounts, ids; never a secret' }),
  prev_hash: z.string().meta({ description: 'The hash of the entry before (64 zeros for the first)' }),
  hash: z.string().meta({ description: "SHA-256 over this entry's content, seq and prev_hash" }),
});

export const auditListResponseSchema = z.object({
  entries: z.array(auditEntrySchema).meta({ description: 'Newest first' }),
  next_cursor: z.number().int().nullable(),
});
export const auditEntryResponseSchema = z.object({ entry: auditEntrySchema });
export const auditExportResponseSchema = z.array(auditEntrySchema).meta({ description: 'Every entry the filters select, in seq order' });

const anchorSchema = z.object({ seq: z.number().int(), hash: z.string() });

export const auditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().meta({ description: 'Entries checked (every kept entry when ok)' }),
  head: anchorSchema,
  purged_through: z.number().int().meta({ description: 'Entries up to this seq were purged by retention (0: none)' }),
  anchor: anchorSchema.extend({ status: z.enum(['matches', 'purged', 'mismatch']) }).optional(),
  first_bad: z
    .object({
      seq: z.number().int(),
      problem: z.enum(['edited', 'deleted', 'inserted', 'reordered', 'unlinked', 'head_mismatch', 'anchor_mismatch']),
      message: z.string(),
    })
    .optional()
    .meta({ description: 'The first entry that breaks the chain, and what was done to it' }),
});

export const auditAnchorResponseSchema = z.object({
  seq: z.number().int(),
  hash: z.string(),
  anchor: z.string().meta({ description: '`<seq>:<hash>`: keep it outside Tollgate; `tollgate audit verify --anchor` proves it later' }),
  purged_through: z.number().int(),
});

export const auditResponseComponents = {
  AuditEntry: auditEntrySchema,
  AuditListResponse: auditListResponseSchema,
  AuditEntryResponse: auditEntryResponseSchema,
  AuditExportResponse: auditExportResponseSchema,
  AuditVerifyResponse: auditVerifyResponseSchema,
  AuditAnchorResponse: auditAnchorResponseSchema,
} as const;

export type AuditEntryBody = z.output<typeof auditEntrySchema>;
export type AuditListBody = z.output<typeof auditListResponseSchema>;
export type AuditVerifyBody = z.output<typeof auditVerifyResponseSchema>;
export type AuditAnchorBody = z.output<typeof auditAnchorResponseSchema>;
