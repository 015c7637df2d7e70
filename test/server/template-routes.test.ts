import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../../src/core/logger.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

void describe('templates', () => {
  let t: TestSystem;
  let server: FastifyInstance;
  before(async () => {
    t = await createTestSystem();
    server = await buildServer({ app: t.system.app, logger: silentLogger });
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  void it('lists the bundled recipes with what they are for', async () => {
    const response = await server.inject({ method: 'GET', url: '/api/v1/templates' });
    assert.equal(response.statusCode, 200);
    const { templates } = response.json<{ templates: { id: string; description: string; trigger_type: string; includes: string[] }[] }>();
    const fraud = templates.find((template) => template.id === 'fraud-warning-refund');
    assert.ok(fraud);
    assert.equal(fraud.trigger_type, 'event');
    assert.match(fraud.description, /early fraud warning/);
    assert.deepEqual(fraud.includes, ['Team risk']);
    assert.ok(templates.some((template) => template.id === 'personalize-orders'));
  });

  void it('creates a draft from a template under a new id, or an active workflow', async () => {
    const drafted = await server.inject({ method: 'POST', url: '/api/v1/templates/personalize-orders/use', payload: { workflow_id: 'big-order-notes' } });
    assert.equal(drafted.statusCode, 201, drafted.body);
    const workflow = await t.system.store.getWorkflow('big-order-notes');
    assert.equal(workflow?.status, 'draft');
    assert.equal(workflow?.latestVersion, 0);
    const activated = await server.inject({ method: 'POST', url: '/api/v1/templates/fraud-warning-refund/use', payload: { activate: true } });
    assert.equal(activated.statusCode, 201);
    assert.equal((await t.system.store.getWorkflow('fraud-warning-refund'))?.status, 'active');
    const missing = await server.inject({ method: 'POST', url: '/api/v1/templates/nope/use', payload: {} });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json<{ error: { message: string } }>().error.message, /personalize-orders/);
  });

  void it('creates what a template brings along only when missing: a team changed since keeps its members', async () => {
    const first = await server.inject({ method: 'POST', url: '/api/v1/templates/fraud-warning-refund/use', payload: { workflow_id: 'fraud-a' } });
    assert.equal(first.statusCode, 201, first.body);
    const risk = await t.system.store.getTeam('risk');
    assert.ok(risk, 'the template brought its team along');
    await t.apply('kind: Team\nid: risk\nmembers:\n  - { email: rita@example.com }\n');
    const second = await server.inject({ method: 'POST', url: '/api/v1/templates/fraud-warning-refund/use', payload: { workflow_id: 'fraud-b' } });
    assert.equal(second.statusCode, 201, second.body);
    assert.deepEqual(
      second.json<{ results: { kind: string; id: string }[] }>().results.map((result) => `${result.kind} ${result.id}`),
      ['Workflow fraud-b'],
    );
    assert.deepEqual((await t.system.store.getTeam('risk'))?.members.map((member) => member.email), ['rita@example.com']);
  });
});
