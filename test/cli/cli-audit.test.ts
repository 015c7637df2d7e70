// `tollgate audit verify --local` and `audit purge` against the database:
// verify exits 1 naming the first bad entry; purge writes its export first.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runCli, tempDir } from './cli-process.ts';

void test('audit verify --local passes an intact trail and exits 1 naming an edited entry; audit purge exports then purges', async () => {
  const dir = tempDir();
  try {
    const store = await openStore({ sqliteFile: join(dir.path, 'tollgate.db'), sqliteSynchronous: 'NORMAL' });
    await store.audit.record(
      [1, 2, 3].map((day) => ({ actor: { type: 'user' as const, id: 'fran@example.com' }, action: 'workflow.published' as const, target: { type: 'workflow', id: `w${day}` }, at: new Date(Date.UTC(2026, 0, day)) })),
    );
    const head = await store.audit.head();
    await store.close();

    const intact = await runCli(['audit', 'verify', '--local', '--data', dir.path, '--anchor', `${head.seq}:${head.hash}`]);
    assert.equal(intact.code, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, new RegExp(`^✓ 3 entries, chain intact, head 3:${head.hash}\nanchor 3: matches\n$`));

    const exportFile = join(dir.path, 'audit-old.jsonl');
    const purge = await runCli(['audit', 'purge', '--data', dir.path, '--before', '2026-01-03', '--export', exportFile]);
    assert.equal(purge.code, 0, purge.stdout + purge.stderr);
    assert.match(purge.stdout, /^purged 2 entries through 2 after writing them to .*audit-old\.jsonl/);
    assert.equal(readFileSync(exportFile, 'utf8').trim().split('\n').length, 2);
    const refused = await runCli(['audit', 'purge', '--data', dir.path, '--before', '2026-01-04', '--export', exportFile]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /audit_export_failed|nothing purged/);

    const tampered = await openStore({ sqliteFile: join(dir.path, 'tollgate.db'), sqliteSynchronous: 'NORMAL' });
    await sql`DROP TRIGGER audit_entries_no_update`.execute(inspectDatabase(tampered));
    await inspectDatabase(tampered).updateTable('audit_entries').set({ actor_id: 'mallory@example.com' }).where('seq', '=', 3).execute();
    await tampered.close();
    const broken = await runCli(['audit', 'verify', '--local', '--data', dir.path]);
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /^✗ entry 3 edited: /);
    assert.ok(existsSync(exportFile));
  } finally {
    dir.remove();
  }
});
