/**
 * The server's periodic audit work: the anchor (the trail's latest seq and
 * hash) written to the log every interval, so a copy of the log outside the
 * database can later prove the trail was not rewritten
 * (`tollgate audit verify --anchor <seq>:<hash>`); and, when a retention is
 * set, the purge of older entries, each batch exported to
 * `<data>/audit-exports/` first.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { purgeAuditTrail } from '../application/purge-audit-trail.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { AuditStore } from '../store/audit-store.ts';

export interface AuditScheduleOptions {
  audit: AuditStore;
  clock: Clock;
  logger: Logger;
  anchorIntervalMs: number;
  /** Purge entries older than this; undefined keeps them all. */
  retentionMs: number | undefined;
  dataDir: string;
}

export class AuditSchedule {
  readonly #options: AuditScheduleOptions;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(options: AuditScheduleOptions) {
    this.#options = options;
  }

  /** Writes the anchor now (and purges when due), then every interval. */
  async start(): Promise<void> {
    await this.tick();
    this.#timer = setInterval(() => {
      this.#tick = this.tick();
    }, this.#options.anchorIntervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tick;
  }

  /** One round: retention first (its `audit.purged` entry is then in the anchor), then the anchor. Failures are logged, never thrown. */
  async tick(): Promise<void> {
    const { audit, clock, logger, retentionMs, dataDir } = this.#options;
    try {
      if (retentionMs !== undefined) {
        const now = clock.now();
        const folder = join(dataDir, 'audit-exports');
        mkdirSync(folder, { recursive: true });
        const exportFile = join(folder, `audit-${now.toISOString().replaceAll(':', '-')}.jsonl`);
        const report = await purgeAuditTrail(audit, { before: new Date(now.getTime() - retentionMs), exportFile, actor: { type: 'system', id: 'retention' }, now });
        if (report.purged > 0) logger.info({ purged: report.purged, throughSeq: report.throughSeq, exportFile, exportSha256: report.exportSha256 }, 'audit retention: purged old entries after exporting them');
      }
      const head = await audit.head();
      logger.info({ auditAnchor: `${head.seq}:${head.hash}`, seq: head.seq, hash: head.hash }, 'audit anchor: keep this outside Tollgate to prove the trail later');
    } catch (error) {
      logger.error({ err: error }, 'audit anchor or retention failed; the trail is unchanged');
    }
  }
}
