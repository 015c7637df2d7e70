import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { TollgateError } from '../../src/core/errors.ts';
import { DEFINITION_FORMAT } from '../../src/definition/stored-definition.ts';
import type { WorkflowDocument } from '../../src/definition/schema.ts';
import type { DialectDatabase } from '../../src/store/dialect.ts';
import { migrate } from '../../src/store/migrator.ts';
import { openPostgres } from '../../src/store/postgres/postgres-database.ts';
import { openSqlite } from '../../src/store/sqlite/sqlite-database.ts';
import { getVersion, getWorkflow, publish, saveDraft } from '../../src/store/workflow-queries.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const refund: WorkflowDocument = {
  kind: 'Workflow',
  id: 'refund',
  trigger: { type: 'manual', input: [] },
  steps: [{ id: 'done', type: 'end', status: 'succeeded' }],
};

function open(test: TestDatabase): DialectDatabase {
  return test.databaseUrl === undefined ? openSqlite({ filename: test.sqliteFile, synchronous: 'NORMAL' }) : openPostgres({ url: test.databaseUrl });
}

async function refused(read: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(read, (error) => {
    assert.ok(error instanceof TollgateError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

void describe('stored definitions carry their format', () => {
  let test: TestDatabase;
  let database: DialectDatabase;

  before(async () => {
    test = await createTestDatabase();
    database = open(test);
    await migrate(database);
  });

  after(async () => {
    await database.close();
    await test.drop();
  });

  void it('migration 0012 gives definitions stored before it format 1, and they read as before', async () => {
    const { db } = database;
    // Back to the shape before 0012, with a draft and a version written then.
    await sql`ALTER TABLE workflows DROP COLUMN draft_format`.execute(db);
    await sql`ALTER TABLE workflow_versions DROP COLUMN definition_format`.execute(db);
    await db.deleteFrom('tollgate_migrations').where('version', '=', 12).execute();
    const json = JSON.stringify(refund);
    await sql`INSERT INTO workflows (id, title, status, draft, draft_hash, latest_version, active_version, trigger_type, created_at, updated_at)
      VALUES ('refund', 'Refund', 'active', ${json}, 'h1', 1, 1, 'manual', 1, 1)`.execute(db);
    await sql`INSERT INTO workflow_versions (workflow_id, version, definition, hash, annotation, created_at) VALUES ('refund', 1, ${json}, 'h1', null, 1)`.execute(db);

    assert.deepEqual((await migrate(database)).applied, ['0012-definition-format.sql']);
    assert.deepEqual(await db.selectFrom('workflows').select('draft_format').execute(), [{ draft_format: 1 }]);
    assert.deepEqual(await db.selectFrom('workflow_versions').select('definition_format').execute(), [{ definition_format: 1 }]);
    assert.deepEqual((await getWorkflow(db, 'refund'))?.draft, refund);
    assert.deepEqual((await getVersion(db, 'refund', 1))?.definition, refund);
  });

  void it('writes stamp the current format', async () => {
    const now = new Date(2);
    await saveDraft(database, { id: 'refund', title: 'Refund', definition: refund, hash: 'h2', triggerType: 'manual', now });
    await publish(database, { id: 'refund', annotation: null, activate: false, now });
    const { db } = database;
    assert.deepEqual(await db.selectFrom('workflows').select('draft_format').where('id', '=', 'refund').execute(), [{ draft_format: DEFINITION_FORMAT }]);
    assert.deepEqual(await db.selectFrom('workflow_versions').select('definition_format').where('version', '=', 2).execute(), [{ definition_format: DEFINITION_FORMAT }]);
    assert.deepEqual((await getVersion(db, 'refund', 2))?.definition, refund);
  });

  void it('refuses a definition stored in a newer format, naming the workflow and version', async () => {
    const { db } = database;
    await db.updateTable('workflow_versions').set({ definition_format: 99 }).where('version', '=', 1).execute();
    await refused(getVersion(db, 'refund', 1), 'definition_format_unsupported', /^version 1 of workflow "refund" is stored in definition format 99; this build reads formats up to 1 /);
    assert.deepEqual((await getVersion(db, 'refund', 2))?.definition, refund);

    await db.updateTable('workflows').set({ draft_format: 99 }).where('id', '=', 'refund').execute();
    await refused(getWorkflow(db, 'refund'), 'definition_format_unsupported', /^the draft of workflow "refund" is stored in definition format 99;/);
    await db.updateTable('workflows').set({ draft_format: DEFINITION_FORMAT }).where('id', '=', 'refund').execute();
  });

  void it('refuses an invalid stored definition with its first problem, not later in the engine', async () => {
    const { db } = database;
    const invalid = { ...refund, steps: [{ id: 'done', type: 'end', status: 'exploded' }] };
    await db.updateTable('workflow_versions').set({ definition: JSON.stringify(invalid) }).where('version', '=', 2).execute();
    await refused(getVersion(db, 'refund', 2), 'stored_definition_invalid', /^version 2 of workflow "refund" is stored invalid: steps\[0\]\.status: /);

    await db.updateTable('workflows').set({ draft: JSON.stringify({ ...refund, steps: [] }) }).where('id', '=', 'refund').execute();
    await refused(getWorkflow(db, 'refund'), 'stored_definition_invalid', /^the draft of workflow "refund" is stored invalid: steps: /);
  });
});
