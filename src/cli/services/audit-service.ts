import { AuditSchedule } from '../../system/audit-schedule.ts';
import type { Config } from '../../system/config.ts';
import type { TollgateSystem } from '../../system/tollgate-system.ts';
import { formatDuration, formatSpan } from '../output.ts';
import type { Service } from './service.ts';

/** The audit anchor in the log every TOLLGATE_AUDIT_ANCHOR_INTERVAL, and retention when TOLLGATE_AUDIT_RETENTION is set. */
export function auditService(system: TollgateSystem, config: Config): Service {
  const schedule = new AuditSchedule({
    audit: system.store.audit,
    clock: system.engine.clock,
    logger: system.engine.logger,
    anchorIntervalMs: config.auditAnchorIntervalMs,
    retentionMs: config.auditRetentionMs,
    dataDir: config.dataDir,
  });
  return {
    name: 'audit',
    start: () => schedule.start(),
    stop: () => schedule.stop(),
    describe: () => `anchor in the log every ${formatDuration(config.auditAnchorIntervalMs)}, ${config.auditRetentionMs === undefined ? 'entries kept' : `entries older than ${formatSpan(config.auditRetentionMs)} exported and purged`}`,
  };
}
