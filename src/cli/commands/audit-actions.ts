/** The actions of `tollgate audit`, imported when one runs (audit-command.ts registers them). */
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { AuditEntryJson } from '../../application/audit-entry-json.ts';
import { AUDIT_CSV_HEADER, auditCsvLine } from '../../application/audit-export.ts';
import { purgeAuditTrail } from '../../application/purge-audit-trail.ts';
import { parseAuditAnchor, verifyAuditTrail, type AuditVerifyReport } from '../../application/verify-audit-trail.ts';
import { systemClock } from '../../core/clock.ts';
import { TollgateSystem } from '../../system/tollgate-system.ts';
import { apiRequest } from '../api-client.ts';
import { createCliLogger } from '../cli-logger.ts';
import { ExitCode } from '../exit-codes.ts';
import { localConfig } from '../local-config.ts';
import type { LocalOptions } from '../local-options.ts';
import { cell, formatTable, formatTime, nextPageHint, printJson, printLines } from '../output.ts';
import { connectionFrom } from '../server-connection.ts';
import type { ServerOptions } from '../server-options.ts';
import { parseWholeNumber } from './audit-arguments.ts';

interface FilterOptions extends ServerOptions {
  actor?: string;
  action?: string[];
  targetType?: string;
  targetId?: string;
  service?: string;
  offering?: string;
  from?: string;
  to?: string;
}

interface ListOptions extends FilterOptions {
  limit?: number;
  cursor?: number;
}

interface ExportOptions extends FilterOptions {
  format: 'csv' | 'json';
  output?: string;
}

interface VerifyOptions extends ServerOptions, LocalOptions {
  anchor?: string;
  local?: boolean;
}

interface PurgeOptions extends LocalOptions {
  before: string;
  export: string;
  json?: boolean;
}

function filterQuery(options: FilterOptions): Record<string, string | undefined> {
  return { actor: options.actor, target_type: options.targetType, target_id: options.targetId, service: options.service, offering: options.offering, from: options.from, to: options.to };
}

/** The filters as `tollgate audit list` flags, for its next-page hint. */
function filterFlags(options: FilterOptions): Record<string, string | readonly string[] | undefined> {
  const { actor, action, targetType, targetId, service, offering, from, to } = options;
  return { actor, action, 'target-type': targetType, 'target-id': targetId, service, offering, from, to };
}

/** The filters as a URL path with query: `action` may repeat, which ApiRequest's query cannot say. */
function pathWithFilters(path: string, options: FilterOptions, extra: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filterQuery(options), ...extra })) if (value !== undefined) search.append(name, String(value));
  for (const action of options.action ?? []) search.append('action', action);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

export async function listEntries(options: ListOptions): Promise<void> {
  const page = await apiRequest<{ entries: AuditEntryJson[]; next_cursor: number | null }>(connectionFrom(options), {
    method: 'GET',
    path: pathWithFilters('/api/v1/audit', options, { limit: options.limit, cursor: options.cursor }),
  });
  if (options.json) return printJson(page);
  if (page.entries.length === 0) return printLines('no audit entries match');
  const rows = page.entries.map((entry) => [String(entry.seq), formatTime(entry.at), cell(entry.actor.id, 32), entry.action, cell(`${entry.target.type} ${entry.target.id}`, 48)]);
  printLines(formatTable(['seq', 'at', 'actor', 'action', 'target'], rows));
  if (page.next_cursor !== null) printLines(nextPageHint('tollgate audit list', { ...filterFlags(options), limit: options.limit }, page.next_cursor));
}

export async function showEntry(seq: string, options: ServerOptions): Promise<void> {
  const { entry } = await apiRequest<{ entry: AuditEntryJson }>(connectionFrom(options), { method: 'GET', path: `/api/v1/audit/${parseWholeNumber(seq)}` });
  if (options.json) return printJson({ entry });
  printLines(
    `entry      ${entry.seq}  ${formatTime(entry.at)}`,
    `actor      ${entry.actor.type} ${entry.actor.id}${entry.actor.via === null ? '' : ` (via ${entry.actor.via})`}`,
    `action     ${entry.action}`,
    `target     ${entry.target.type} ${entry.target.id}`,
    ...(entry.service === null ? [] : [`service    ${entry.service}${entry.offering === null ? '' : ` / ${entry.offering}`}`]),
    `hash       ${entry.hash}`,
    `prev hash  ${entry.prev_hash}`,
    '',
    JSON.stringify(entry.detail, null, 2),
  );
}

export async function exportEntries(options: ExportOptions): Promise<void> {
  const entries = await apiRequest<AuditEntryJson[]>(connectionFrom(options), { method: 'GET', path: pathWithFilters('/api/v1/audit/export', options, { format: 'json' }) });
  const text = options.format === 'csv' ? AUDIT_CSV_HEADER + entries.map(auditCsvLine).join('') : `${JSON.stringify(entries, null, 2)}\n`;
  if (options.output === undefined) return void process.stdout.write(text);
  writeFileSync(options.output, text);
  printLines(`wrote ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} to ${options.output}`);
}

export async function verifyTrail(options: VerifyOptions): Promise<void> {
  const anchor = options.anchor === undefined ? undefined : parseAuditAnchor(options.anchor, '--anchor');
  const report = options.local === true ? await withLocalSystem(options, (system) => verifyAuditTrail(system.store.audit, anchor === undefined ? {} : { anchor })) : await verifyThroughServer(options);
  if (!report.ok) process.exitCode = ExitCode.failed;
  if (options.json) return printJson(report);
  const anchorLine = report.anchor === undefined ? [] : [`anchor ${report.anchor.seq}: ${report.anchor.status === 'purged' ? 'purged (prove it against the export file)' : report.anchor.status}`];
  if (report.firstBad === undefined) {
    return printLines(`✓ ${report.checked} entries, chain intact, head ${report.head.seq}:${report.head.hash}${report.purgedThrough > 0 ? ` (purged through ${report.purgedThrough})` : ''}`, ...anchorLine);
  }
  printLines(`✗ entry ${report.firstBad.seq} ${report.firstBad.problem}: ${report.firstBad.message}`, `  ${report.checked} entries checked before it`, ...anchorLine);
}

async function verifyThroughServer(options: VerifyOptions): Promise<AuditVerifyReport> {
  const body = await apiRequest<{ ok: boolean; checked: number; head: { seq: number; hash: string }; purged_through: number; anchor?: AuditVerifyReport['anchor']; first_bad?: AuditVerifyReport['firstBad'] }>(
    connectionFrom(options),
    { method: 'GET', path: '/api/v1/audit/verify', query: { anchor: options.anchor } },
  );
  return {
    ok: body.ok,
    checked: body.checked,
    head: body.head,
    purgedThrough: body.purged_through,
    ...(body.anchor === undefined ? {} : { anchor: body.anchor }),
    ...(body.first_bad === undefined ? {} : { firstBad: body.first_bad }),
  };
}

export async function purgeTrail(options: PurgeOptions): Promise<void> {
  const before = new Date(options.before);
  if (Number.isNaN(before.getTime())) throw new InvalidArgumentError(`--before "${options.before}" is not a date; write e.g. 2025-01-01 or 2025-01-01T00:00:00Z`);
  const report = await withLocalSystem(options, (system) =>
    purgeAuditTrail(system.store.audit, { before, exportFile: options.export, actor: { type: 'system', id: 'audit purge', via: 'cli' }, now: systemClock.now() }),
  );
  if (options.json) return printJson(report);
  if (report.purged === 0) return printLines(`nothing to purge: no entry was written before ${before.toISOString()}`);
  printLines(`purged ${report.purged} entries through ${report.throughSeq} after writing them to ${report.exportFile} (sha256 ${report.exportSha256})`, `recorded as entry ${report.recordedAs?.seq ?? '?'} (audit.purged)`);
}

async function withLocalSystem<T>(options: LocalOptions, use: (system: TollgateSystem) => Promise<T>): Promise<T> {
  const config = localConfig(options);
  const system = await TollgateSystem.open({ config, logger: createCliLogger(config) });
  try {
    return await use(system);
  } finally {
    await system.close();
  }
}
