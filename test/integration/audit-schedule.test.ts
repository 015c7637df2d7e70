// The server's audit round: the anchor in the log, and retention purging
// entries older than the setting after exporting them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock.ts';
import type { Logger } from '../../src/core/logger.ts';
import { verifyAuditTrail } from '../../src/application/verify-audit-trail.ts';
import { AuditSchedule } from '../../src/system/audit-schedule.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

void describe('audit schedule: anchor and retention', () => {
  let database: TestDatabase;
  let store: SqlStore;
  before(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.databaseUrl, sqliteFile: database.sqliteFile, sqliteSynchronous: 'NORMAL' });
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  void it('logs the anchor and purges what is older than the retention, exported under the data directory', async () => {
    const clock = new ManualClock(new Date('2026-06-01T00:00:00Z'));
    await store.audit.record([
      { actor: { type: 'system', id: 'test' }, action: 'run.started', target: { type: 'run', id: 'run_old' }, at: new Date('2025-01-01T00:00:00Z') },
      { actor: { type: 'system', id: 'test' }, action: 'run.started', target: { type: 'run', id: 'run_new' }, at: new Date('2026-05-30T00:00:00Z') },
    ]);
    const logged: { details: Record<string, unknown>; message: string | undefined }[] = [];
    const logger: Logger = { debug: () => undefined, info: (details, message) => logged.push({ details: details as Record<string, unknown>, message }), warn: () => undefined, error: (details, message) => logged.push({ details: details as Record<string, unknown>, message }) };
    const schedule = new AuditSchedule({ audit: store.audit, clock, logger, anchorIntervalMs: 3_600_000, retentionMs: 400 * 86_400_000, dataDir: database.dataDir });
    await schedule.tick();
    const head = await store.audit.head();
    assert.equal(head.purgedThrough, 1);
    assert.deepEqual(logged.map((line) => line.message?.split(':')[0]), ['audit retention', 'audit anchor']);
    assert.equal(logged[1]?.details['auditAnchor'], `${head.seq}:${head.hash}`);
    const folder = join(database.dataDir, 'audit-exports');
    assert.ok(existsSync(folder));
    assert.equal(readdirSync(folder).length, 1);
    assert.equal((await verifyAuditTrail(store.audit)).ok, true);
  });
});
