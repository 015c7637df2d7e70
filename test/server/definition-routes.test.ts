import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApplyResult } from '../../src/application/apply-definitions.ts';
import type { ErrorBody, WorkflowSummaryBody } from '../../src/server/response-schemas.ts';
import { startApi, TRIAGE_YAML } from './api-harness.ts';

interface ApplyAnswer {
  results: ApplyResult[];
}

interface ExportedDocument {
  kind: string;
  id: string;
  config: { base_url: string; bearer_token: string; api_key: string; headers: Record<string, string> };
  steps: unknown[];
}

test('apply YAML creates the workflow, which the list then shows', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml<ApplyAnswer>('/api/v1/apply?annotation=first', TRIAGE_YAML);
    assert.equal(applied.status, 200);
    assert.deepEqual(applied.body.results, [{ kind: 'Workflow', id: 'triage', action: 'created', version: 1 }]);

    const list = await api.get<{ workflows: WorkflowSummaryBody[] }>('/api/v1/workflows');
    assert.equal(list.status, 200);
    assert.equal(list.body.workflows.length, 1);
    const [workflow] = list.body.workflows;
    assert.equal(workflow?.id, 'triage');
    assert.equal(workflow?.title, 'Triage');
    assert.equal(workflow?.status, 'active');
    assert.equal(workflow?.latest_version, 1);
    assert.equal(workflow?.active_version, 1);
    assert.equal(workflow?.trigger_type, 'manual');
    assert.ok(!Number.isNaN(Date.parse(workflow?.updated_at ?? '')), 'updated_at is an ISO time');

    const versions = await api.get<{ versions: { annotation: string }[] }>('/api/v1/workflows/triage/versions');
    assert.equal(versions.body.versions[0]?.annotation, 'first');
  } finally {
    await api.close();
  }
});

test('apply takes JSON documents too, and re-applying unchanged definitions changes nothing', async () => {
  const api = await startApi();
  try {
    const document = {
      kind: 'Workflow',
      id: 'noop',
      trigger: { type: 'manual' },
      steps: [{ id: 'done', type: 'end', outcome: 'Done' }],
    };
    const first = await api.post<ApplyAnswer>('/api/v1/apply', { documents: [document] });
    assert.equal(first.status, 200);
    assert.equal(first.body.results[0]?.action, 'created');

    const again = await api.post<ApplyAnswer>('/api/v1/apply', { documents: [document] });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.results, [{ kind: 'Workflow', id: 'noop', action: 'unchanged', version: 1 }]);
    const versions = await api.get<{ versions: unknown[] }>('/api/v1/workflows/noop/versions');
    assert.equal(versions.body.versions.length, 1, 'no new version was published');
  } finally {
    await api.close();
  }
});

test('apply with draft=true saves a draft and publishes nothing', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml<ApplyAnswer>('/api/v1/apply?draft=true', TRIAGE_YAML);
    assert.equal(applied.status, 200);
    assert.equal(applied.body.results[0]?.action, 'drafted');
    const workflow = await api.get<{ workflow: WorkflowSummaryBody & { draft: { id: string } } }>('/api/v1/workflows/triage');
    assert.equal(workflow.body.workflow.latest_version, 0);
    assert.equal(workflow.body.workflow.status, 'draft');
    assert.equal(workflow.body.workflow.draft.id, 'triage');
  } finally {
    await api.close();
  }
});

test('an invalid definition is refused with every issue, and nothing is saved', async () => {
  const api = await startApi();
  try {
    const invalid = `${TRIAGE_YAML}
---
kind: Workflow
id: broken
trigger: { type: manual }
steps:
  - id: first
    type: set
    values: { a: 1 }
    next: procss_refund
  - id: process_refund
    type: decision
    branches:
      - when: a > 0
        next: process_refund
`;
    const applied = await api.postYaml<ErrorBody>('/api/v1/apply', invalid);
    assert.equal(applied.status, 400);
    assert.equal(applied.body.error.code, 'definition_invalid');
    const issues = applied.body.error.issues ?? [];
    assert.ok(issues.length >= 2, `expected every issue, got ${JSON.stringify(issues)}`);
    assert.ok(issues.some((issue) => issue.message.includes('procss_refund') && issue.message.includes('process_refund')), 'names the bad target and the fix');
    assert.ok(issues.some((issue) => issue.message.includes('otherwise')), 'names the missing otherwise');
    assert.ok(issues.every((issue) => issue.document === 'Workflow broken'));
    assert.ok(issues.every((issue) => issue.location?.startsWith('<input>:')), 'issues carry their line and column');

    const list = await api.get<{ workflows: unknown[] }>('/api/v1/workflows');
    assert.deepEqual(list.body.workflows, [], 'the valid document in the batch was not saved either');
  } finally {
    await api.close();
  }
});

test('YAML syntax errors are definition_invalid with their position', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml<ErrorBody>('/api/v1/apply', 'kind: Workflow\nid: [unclosed\n');
    assert.equal(applied.status, 400);
    assert.equal(applied.body.error.code, 'definition_invalid');
    assert.match(applied.body.error.issues?.[0]?.path ?? '', /^<input>:\d+:\d+$/);
  } finally {
    await api.close();
  }
});

test('validate answers valid or every issue, and saves nothing', async () => {
  const api = await startApi();
  try {
    const valid = await api.call<{ valid: boolean }>({ method: 'POST', url: '/api/v1/validate', headers: { 'content-type': 'text/plain' }, payload: TRIAGE_YAML });
    assert.equal(valid.status, 200);
    assert.deepEqual(valid.body, { valid: true });

    const invalid = await api.post<ErrorBody>('/api/v1/validate', { documents: [{ kind: 'Workflow', id: 'x', trigger: { type: 'manual' }, steps: [{ id: 's', type: 'nope' }] }] });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, 'definition_invalid');
    assert.ok((invalid.body.error.issues ?? []).some((issue) => issue.path.includes('steps[0]')));

    const list = await api.get<{ workflows: unknown[] }>('/api/v1/workflows');
    assert.deepEqual(list.body.workflows, [], 'validate saved nothing');
  } finally {
    await api.close();
  }
});

test('a JSON body that is a bare document says where it is wrong', async () => {
  const api = await startApi();
  try {
    const applied = await api.post<ErrorBody>('/api/v1/apply', { kind: 'Workflow', id: 'x' });
    assert.equal(applied.status, 400);
    assert.equal(applied.body.error.code, 'request_invalid');
    const paths = (applied.body.error.issues ?? []).map((issue) => issue.path);
    assert.deepEqual(paths.sort(), ['body', 'body.documents']);
    assert.match(applied.body.error.message, /unknown field `kind`/);
  } finally {
    await api.close();
  }
});

test('an empty batch is refused', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml<ErrorBody>('/api/v1/apply', '# nothing here\n');
    assert.equal(applied.status, 400);
    assert.equal(applied.body.error.code, 'definition_invalid');
  } finally {
    await api.close();
  }
});

test('export returns every definition as documents, masking connector secrets but not env references', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml<ApplyAnswer>(
      '/api/v1/apply',
      `${TRIAGE_YAML}
---
kind: Connector
id: billing-api
type: http
config:
  base_url: https://billing.example.com
  bearer_token: "{{ env.BILLING_TOKEN }}"
  api_key: plain-text-secret
  headers:
    x-signing-secret: another-secret
    accept: application/json
---
kind: Team
id: finance
members:
  - { email: Fin@Example.com, name: Fin }
`,
    );
    assert.equal(applied.status, 200, JSON.stringify(applied.body));

    const exported = await api.get<{ documents: ExportedDocument[] }>('/api/v1/export');
    assert.equal(exported.status, 200);
    assert.deepEqual(
      exported.body.documents.map((document) => `${document.kind}/${document.id}`),
      ['Connector/billing-api', 'Team/finance', 'Workflow/triage'],
    );
    const connector = exported.body.documents[0]!;
    assert.equal(connector.config.base_url, 'https://billing.example.com');
    assert.equal(connector.config.bearer_token, '{{ env.BILLING_TOKEN }}');
    assert.notEqual(connector.config.api_key, 'plain-text-secret');
    assert.notEqual(connector.config.headers['x-signing-secret'], 'another-secret');
    assert.equal(connector.config.headers.accept, 'application/json');
    assert.doesNotMatch(exported.text, /plain-text-secret|another-secret/);
    assert.equal(exported.body.documents[2]!.steps.length, 4);

    const yaml = await api.get<undefined>('/api/v1/export?format=yaml');
    assert.equal(yaml.status, 200);
    assert.match(String(yaml.headers['content-type']), /^application\/yaml/);
    assert.match(yaml.text, /kind: Workflow/);
    assert.doesNotMatch(yaml.text, /plain-text-secret/);
  } finally {
    await api.close();
  }
});

test('a literal webhook trigger secret is sealed on apply: workflow, version and export answers show only its reference', async () => {
  const api = await startApi();
  try {
    const applied = await api.postYaml('/api/v1/apply', `
kind: Workflow
id: hook
trigger: { type: webhook, secret: hmac-shared-secret }
steps:
  - { id: done, type: end, outcome: Done }
`);
    assert.equal(applied.status, 200, applied.text);
    for (const url of ['/api/v1/workflows/hook', '/api/v1/workflows/hook/versions/1', '/api/v1/export', '/api/v1/export?format=yaml']) {
      const answer = await api.get(url);
      assert.equal(answer.status, 200, url);
      assert.doesNotMatch(answer.text, /hmac-shared-secret/, url);
      assert.match(answer.text, /\{\{ secret\.trigger\.secret \}\}/, url);
    }
  } finally {
    await api.close();
  }
});

test('the definition JSON Schema is served', async () => {
  const api = await startApi();
  try {
    const schema = await api.get<{ $id: string; $schema: string }>('/api/v1/schema/definition.json');
    assert.equal(schema.status, 200);
    assert.equal(schema.body.$id, 'https://tollgate.dev/schemas/definition.json');
    assert.match(schema.body.$schema, /2020-12/);
  } finally {
    await api.close();
  }
});
