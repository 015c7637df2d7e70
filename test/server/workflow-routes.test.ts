import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, VersionBody, VersionSummaryBody, WorkflowBody } from '../../src/server/response-schemas.ts';
import { startApi, TRIAGE_YAML } from './api-harness.ts';

test('publish, activate, deactivate and archive a workflow', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply?draft=true', TRIAGE_YAML)).status, 200);

    const notPublished = await api.post<ErrorBody>('/api/v1/workflows/triage/activate');
    assert.equal(notPublished.status, 409);
    assert.equal(notPublished.body.error.code, 'workflow_not_published');

    const published = await api.post<{ version: VersionBody }>('/api/v1/workflows/triage/publish', { annotation: 'first cut' });
    assert.equal(published.status, 201);
    assert.equal(published.body.version.workflow, 'triage');
    assert.equal(published.body.version.version, 1);
    assert.equal(published.body.version.annotation, 'first cut');
    assert.equal((published.body.version.definition as { id: string }).id, 'triage');

    const inactive = await api.get<{ workflow: WorkflowBody }>('/api/v1/workflows/triage');
    assert.equal(inactive.body.workflow.status, 'draft', 'publish without activate leaves the status');
    const refused = await api.post<ErrorBody>('/api/v1/workflows/triage/runs', { input: { amount: 1 } });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'workflow_not_active');

    const activated = await api.post<{ workflow: WorkflowBody }>('/api/v1/workflows/triage/activate');
    assert.equal(activated.status, 200);
    assert.equal(activated.body.workflow.status, 'active');
    assert.equal(activated.body.workflow.active_version, 1);

    const second = await api.post<{ version: VersionBody }>('/api/v1/workflows/triage/publish', { from_version: 1 });
    assert.equal(second.status, 201);
    assert.equal(second.body.version.version, 2);
    assert.equal(second.body.version.annotation, 'rollback to version 1');

    const deactivated = await api.post<{ workflow: WorkflowBody }>('/api/v1/workflows/triage/deactivate');
    assert.equal(deactivated.body.workflow.status, 'inactive');
    const archived = await api.post<{ workflow: WorkflowBody }>('/api/v1/workflows/triage/archive');
    assert.equal(archived.body.workflow.status, 'archived');

    const versions = await api.get<{ versions: VersionSummaryBody[] }>('/api/v1/workflows/triage/versions');
    assert.deepEqual(versions.body.versions.map((version) => version.version), [2, 1]);
    assert.ok(versions.body.versions.every((version) => !('definition' in version)), 'the list leaves out definitions');

    const one = await api.get<{ version: VersionBody }>('/api/v1/workflows/triage/versions/1');
    assert.equal(one.status, 200);
    assert.equal(one.body.version.annotation, 'first cut');
    assert.deepEqual(one.body.version.manual_input, [{ key: 'amount', type: 'number', required: true }], "the manual trigger's fields, as a form shows them");
  } finally {
    await api.close();
  }
});

test('publish refuses unknown fields and bad types in its body', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const answer = await api.post<ErrorBody>('/api/v1/workflows/triage/publish', { anotation: 'typo', from_version: 'one' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'request_invalid');
    const paths = (answer.body.error.issues ?? []).map((issue) => issue.path);
    assert.ok(paths.includes('body.from_version'), JSON.stringify(paths));
    assert.ok(paths.includes('body.anotation'), 'the unknown field is reported where it is');
    assert.ok((answer.body.error.issues ?? []).some((issue) => issue.message.includes('did you mean `annotation`')), 'suggests the right field name');
  } finally {
    await api.close();
  }
});

test('unknown workflows and versions are 404 with their codes', async () => {
  const api = await startApi();
  try {
    await api.postYaml('/api/v1/apply', TRIAGE_YAML);
    const workflow = await api.get<ErrorBody>('/api/v1/workflows/nope');
    assert.equal(workflow.status, 404);
    assert.equal(workflow.body.error.code, 'workflow_not_found');
    const version = await api.get<ErrorBody>('/api/v1/workflows/triage/versions/9');
    assert.equal(version.status, 404);
    assert.equal(version.body.error.code, 'version_not_found');
    const badVersion = await api.get<ErrorBody>('/api/v1/workflows/triage/versions/first');
    assert.equal(badVersion.status, 400);
    assert.equal(badVersion.body.error.path, 'path.version');
    const publish = await api.post<ErrorBody>('/api/v1/workflows/nope/publish');
    assert.equal(publish.status, 404);
  } finally {
    await api.close();
  }
});

test('a version that starts on an event has no manual input', async () => {
  const api = await startApi();
  try {
    const yaml = ['kind: Workflow', 'id: on-event', 'title: On event', 'trigger: { type: event, event: payment_intent.succeeded }', 'steps:', '  - { id: done, type: end, outcome: Done }'].join('\n');
    assert.equal((await api.postYaml('/api/v1/apply', yaml)).status, 200);
    const one = await api.get<{ version: VersionBody }>('/api/v1/workflows/on-event/versions/1');
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.equal(one.body.version.manual_input, null);
  } finally {
    await api.close();
  }
});
