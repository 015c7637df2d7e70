import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { applyDefinitions, type ApplyResult } from '../../src/application/apply-definitions.ts';
import { exportDefinitions } from '../../src/application/export-definitions.ts';
import { parseDocuments } from '../../src/definition/parse-documents.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

let system: TestSystem;
before(async () => {
  system = await createTestSystem({ env: {} });
});
after(() => system.close());

const connector = (apiKey: string) => `
kind: Connector
id: partner-api
type: http
config:
  base_url: https://partner.example.com
  api_key: ${apiKey}
  headers: { Authorization: "Bearer tok_LITERAL_456", Accept: application/json }
  webhook_secrets: [whsec_LITERAL_789, "{{ env.PARTNER_SECRET }}"]
`;

async function apply(yaml: string): Promise<ApplyResult[]> {
  return (await applyDefinitions(system.system.app, parseDocuments(yaml))).results;
}

/** Every row of the tables a connector's config or its sealed values could reach, as text. */
async function databaseText(): Promise<string> {
  const db = inspectDatabase(system.system.store);
  const tables = await Promise.all([db.selectFrom('connectors').selectAll().execute(), db.selectFrom('connector_secrets').selectAll().execute(), db.selectFrom('workflow_versions').selectAll().execute()]);
  return JSON.stringify(tables);
}

async function sealedRows() {
  return inspectDatabase(system.system.store).selectFrom('connector_secrets').select(['name', 'sealed']).where('connector_id', '=', 'partner-api').orderBy('name').execute();
}

test('a Connector applied with literal secrets stores references, the sealed store holds them encrypted, and the resolver fills them in', async () => {
  assert.deepEqual(await apply(connector('sk_LITERAL_123')), [{ kind: 'Connector', id: 'partner-api', action: 'created' }]);
  const text = await databaseText();
  for (const literal of ['sk_LITERAL_123', 'tok_LITERAL_456', 'whsec_LITERAL_789']) assert.ok(!text.includes(literal), `${literal} is stored in clear`);

  const stored = (await system.system.store.listConnectors()).find((item) => item.id === 'partner-api');
  assert.deepEqual(stored?.config, {
    base_url: 'https://partner.example.com',
    api_key: '{{ secret.api_key }}',
    headers: { Authorization: '{{ secret.headers.Authorization }}', Accept: 'application/json' },
    webhook_secrets: ['{{ secret.webhook_secrets.0 }}', '{{ env.PARTNER_SECRET }}'],
  });
  assert.deepEqual(
    (await sealedRows()).map((row) => row.name),
    ['config.api_key', 'config.headers.Authorization', 'config.webhook_secrets.0'],
  );

  const resolved = await system.system.engine.connectors.resolve({ type: 'http', name: 'partner-api', optional: false, envOptional: ['webhook_secrets'] });
  assert.equal(resolved?.config.api_key, 'sk_LITERAL_123');
  assert.deepEqual(resolved?.config.headers, { Authorization: 'Bearer tok_LITERAL_456', Accept: 'application/json' });

  const exported = (await exportDefinitions(system.system.app)).find((document) => document.kind === 'Connector' && document.id === 'partner-api');
  assert.ok(exported);
  assert.ok(!JSON.stringify(exported).includes('LITERAL'), 'export shows no value');
  assert.equal((exported.config as Record<string, unknown>).api_key, '{{ secret.api_key }}', 'export shows the reference, which applies again as it is');
});

test('applying the same document again is a no-op; a changed literal is sealed anew and reported as an update', async () => {
  const before = await sealedRows();
  assert.deepEqual(await apply(connector('sk_LITERAL_123')), [{ kind: 'Connector', id: 'partner-api', action: 'unchanged' }]);
  assert.deepEqual(await sealedRows(), before, 'nothing sealed again');

  const exported = (await exportDefinitions(system.system.app)).filter((document) => document.kind === 'Connector');
  assert.deepEqual((await applyDefinitions(system.system.app, parseDocuments(exported.map((document) => JSON.stringify(document)).join('\n---\n')))).results, [
    { kind: 'Connector', id: 'partner-api', action: 'unchanged' },
  ]);

  assert.deepEqual(await apply(connector('sk_LITERAL_NEW')), [{ kind: 'Connector', id: 'partner-api', action: 'updated' }]);
  const after = await sealedRows();
  assert.notEqual(after.find((row) => row.name === 'config.api_key')?.sealed, before.find((row) => row.name === 'config.api_key')?.sealed);
  assert.equal(after.find((row) => row.name === 'config.headers.Authorization')?.sealed, before.find((row) => row.name === 'config.headers.Authorization')?.sealed);
  assert.ok(!(await databaseText()).includes('sk_LITERAL_NEW'));
  const resolved = await system.system.engine.connectors.resolve({ type: 'http', name: 'partner-api', optional: false, envOptional: ['webhook_secrets'] });
  assert.equal(resolved?.config.api_key, 'sk_LITERAL_NEW');
});
