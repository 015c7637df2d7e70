/**
 * The audit entries a filter selects, as CSV or JSON text produced page by
 * page (a caller streams it), in seq order: the order the chain verifies in.
 */
import type { AuditFilter, AuditStore } from '../store/audit-store.ts';
import { auditEntryJson, type AuditEntryJson } from './audit-entry-json.ts';

export type AuditExportFormat = 'csv' | 'json';

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'via', 'action', 'target_type', 'target_id', 'service', 'offering', 'detail', 'prev_hash', 'hash'] as const;

const PAGE = 500;

export async function* auditExportChunks(audit: AuditStore, filter: AuditFilter, format: AuditExportFormat): AsyncGenerator<string> {
  yield format === 'csv' ? AUDIT_CSV_HEADER : '[';
  let after = 0;
  let first = true;
  for (;;) {
    const page = await audit.list(filter, { limit: PAGE, after });
    for (const entry of page.items) {
      const json = auditEntryJson(entry);
      yield format === 'csv' ? auditCsvLine(json) : `${first ? '\n' : ',\n'}${JSON.stringify(json)}`;
      first = false;
    }
    if (page.nextCursor === null) break;
    after = page.nextCursor;
  }
  if (format === 'json') yield '\n]\n';
}

/** The CSV header line, CRLF-terminated. */
export const AUDIT_CSV_HEADER = `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;

/** One entry as a CSV line, CRLF-terminated. */
export function auditCsvLine(entry: AuditEntryJson): string {
  const cells = [entry.seq, entry.at, entry.actor.id, entry.actor.via, entry.action, entry.target.type, entry.target.id, entry.service, entry.offering, JSON.stringify(entry.detail), entry.prev_hash, entry.hash];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. A leading = + - @ is prefixed with ' so a spreadsheet shows it as text, not a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
