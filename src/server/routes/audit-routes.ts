import type { AppContext } from '../../application/app-context.ts';
import { auditEntryJson } from '../../application/audit-entry-json.ts';
import { auditExportChunks } from '../../application/audit-export.ts';
import { verifyAuditTrail } from '../../application/verify-audit-trail.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { AuditFilter } from '../../store/audit-store.ts';
import { defineRoute, StreamReply, type ApiRoute } from '../api-route.ts';
import {
  auditAnchorResponseSchema,
  auditEntryParams,
  auditEntryResponseSchema,
  auditExportQuery,
  auditExportResponseSchema,
  auditListQuery,
  auditListResponseSchema,
  auditVerifyQuery,
  auditVerifyResponseSchema,
} from '../audit-schemas.ts';

interface FilterQuery {
  actor?: string | undefined;
  action?: string[] | undefined;
  target_type?: string | undefined;
  target_id?: string | undefined;
  service?: string | undefined;
  offering?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filterOf(query: FilterQuery): AuditFilter {
  return {
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.action === undefined ? {} : { actions: query.action }),
    ...(query.target_type === undefined ? {} : { targetType: query.target_type }),
    ...(query.target_id === undefined ? {} : { targetId: query.target_id }),
    ...(query.service === undefined ? {} : { serviceId: query.service }),
    ...(query.offering === undefined ? {} : { offeringId: query.offering }),
    ...(query.from === undefined ? {} : { from: new Date(query.from) }),
    ...(query.to === undefined ? {} : { to: new Date(query.to) }),
  };
}

/** The audit trail: list with filters, one entry, export, verify, and the anchor to keep outside. */
export function auditRoutes(app: AppContext): ApiRoute[] {
  const audit = app.engine.store.audit;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit',
      operationId: 'listAuditEntries',
      permission: 'audit.read',
      summary: 'List audit entries, newest first, filtered by actor, action, target, service, offering and time',
      tag: 'audit',
      query: auditListQuery,
      status: 200,
      response: { description: 'A page of entries', schema: auditListResponseSchema },
      async handle({ query }) {
        const page = await audit.list(filterOf(query), { limit: query.limit, ...(query.cursor === undefined ? {} : { before: query.cursor }) });
        return { entries: page.items.map(auditEntryJson), next_cursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit/export',
      operationId: 'exportAuditEntries',
      permission: 'audit.read',
      summary: 'Every audit entry the filters select, in seq order, as JSON or CSV (streamed)',
      description: 'CSV columns: seq, at, actor, via, action, target_type, target_id, service, offering, detail (JSON), prev_hash, hash.',
      tag: 'audit',
      query: auditExportQuery,
      status: 200,
      response: { description: 'The entries', schema: auditExportResponseSchema, textMediaTypes: ['text/csv'] },
      handle({ query }) {
        const mediaType = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
        return Promise.resolve(new StreamReply(mediaType, auditExportChunks(audit, filterOf(query), query.format), `tollgate-audit.${query.format}`));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit/verify',
      operationId: 'verifyAuditTrail',
      permission: 'audit.read',
      summary: 'Check the hash chain of the kept trail, and an anchor when given; names the first edited, deleted, inserted or reordered entry',
      tag: 'audit',
      query: auditVerifyQuery,
      status: 200,
      response: { description: 'The report: ok, or the first bad entry', schema: auditVerifyResponseSchema },
      async handle({ query }) {
        const anchor = query.anchor === undefined ? undefined : { seq: Number(query.anchor.split(':')[0]), hash: query.anchor.split(':')[1] ?? '' };
        const report = await verifyAuditTrail(audit, anchor === undefined ? {} : { anchor });
        return {
          ok: report.ok,
          checked: report.checked,
          head: report.head,
          purged_through: report.purgedThrough,
          ...(report.anchor === undefined ? {} : { anchor: report.anchor }),
          ...(report.firstBad === undefined ? {} : { first_bad: report.firstBad }),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit/anchor',
      operationId: 'getAuditAnchor',
      permission: 'audit.read',
      summary: "The trail's latest seq and hash, to keep outside Tollgate",
      tag: 'audit',
      status: 200,
      response: { description: 'The anchor', schema: auditAnchorResponseSchema },
      async handle() {
        const head = await audit.head();
        return { seq: head.seq, hash: head.hash, anchor: `${head.seq}:${head.hash}`, purged_through: head.purgedThrough };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit/:seq',
      operationId: 'getAuditEntry',
      permission: 'audit.read',
      summary: 'One audit entry with its detail (before and after)',
      tag: 'audit',
      params: auditEntryParams,
      status: 200,
      response: { description: 'The entry', schema: auditEntryResponseSchema },
      errors: [404],
      async handle({ params }) {
        const entry = await audit.get(params.seq);
        if (entry === undefined) throw new NotFoundError('audit_entry_not_found', `no audit entry ${params.seq}: list them with GET /api/v1/audit or \`tollgate audit list\``, { path: 'seq' });
        return { entry: auditEntryJson(entry) };
      },
    }),
  ];
}
