import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody, IssueBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';

const refunding = (id: string) => `kind: Workflow
id: ${id}
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ object.charge }}" }
`;

type Answer = { valid?: true; results?: unknown[]; warnings?: IssueBody[] } & ErrorBody;

test('validate and apply warn about a second active workflow that moves money on the same event, and still accept it', async () => {
  const api = await startApi();
  try {
    const first = await api.postYaml<Answer>('/api/v1/apply', refunding('dispute-refund'));
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.warnings, undefined, 'no warning, no field: the answer keeps its shape');

    const validated = await api.postYaml<Answer>('/api/v1/validate', refunding('dispute-goodwill'));
    assert.equal(validated.status, 200, validated.text);
    assert.equal(validated.body.valid, true);
    assert.equal(validated.body.warnings?.length, 1);
    assert.equal(validated.body.warnings?.[0]?.severity, 'warning');
    assert.equal(validated.body.warnings?.[0]?.document, 'Workflow dispute-goodwill');
    assert.match(validated.body.warnings?.[0]?.message ?? '', /the active workflow "dispute-refund" both start on charge\.dispute\.created and both move money/);

    const drafted = await api.call<Answer>({ method: 'POST', url: '/api/v1/apply?draft=true', headers: { 'content-type': 'application/yaml' }, payload: refunding('dispute-goodwill') });
    assert.equal(drafted.status, 200, drafted.text);
    assert.equal(drafted.body.warnings, undefined, 'a draft does not start on events');

    const applied = await api.postYaml<Answer>('/api/v1/apply', refunding('dispute-goodwill'));
    assert.equal(applied.status, 200, applied.text);
    assert.equal(applied.body.results?.length, 1);
    assert.equal(applied.body.warnings?.length, 1);
  } finally {
    await api.close();
  }
});

test('validate checks the teams a workflow names against the stored ones, as apply does', async () => {
  const api = await startApi();
  try {
    assert.equal((await api.postYaml('/api/v1/apply', 'kind: Team\nid: finance\n')).status, 200);
    const workflow = (team: string) => `kind: Workflow
id: notify
trigger: { type: manual }
steps:
  - id: tell
    type: action
    uses: email.send
    with: { to: { team: ${team} }, subject: Hello }
`;
    const refused = await api.postYaml<Answer>('/api/v1/validate', workflow('finanse'));
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.body.error.code, 'definition_invalid');
    assert.match(refused.body.error.issues?.[0]?.message ?? '', /steps\[0\]\.with\.to\.team: no team "finanse" \(did you mean "finance"\?\)/);
    assert.equal((await api.postYaml<Answer>('/api/v1/validate', workflow('finance'))).status, 200);
  } finally {
    await api.close();
  }
});

test('apply warns when a workflow the catalog offers at latest loses its form, and the offering leaves the catalog', async () => {
  const api = await startApi();
  try {
    const workflow = (trigger: string) => `kind: Workflow\nid: goodwill\ntrigger: ${trigger}\nsteps:\n  - { id: done, type: end }\n`;
    const service = 'kind: Service\nid: support\nofferings:\n  - { id: credit, title: Goodwill credit, workflow: goodwill }\n';
    const first = await api.postYaml<Answer>('/api/v1/apply', `${workflow('{ type: form, form: [{ key: reason }] }')}---\n${service}`);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.warnings, undefined);

    const manual = await api.postYaml<Answer>('/api/v1/apply', workflow('{ type: manual }'));
    assert.equal(manual.status, 200, manual.text);
    assert.deepEqual(
      manual.body.warnings?.map((issue) => [issue.document, issue.path, issue.severity]),
      [['Workflow goodwill', 'Workflow goodwill: trigger.type', 'warning']],
    );
    assert.match(manual.body.warnings?.[0]?.message ?? '', /service "support" offers this workflow at latest \(offering "credit"\); with a manual trigger it has no form, so the offering leaves the catalog/);
    const catalog = await api.get<{ services: { id: string; offerings: { id: string }[] }[] }>('/api/v1/catalog');
    assert.equal(catalog.status, 200, catalog.text);
    assert.deepEqual(catalog.body.services.find((entry) => entry.id === 'support')?.offerings ?? [], [], 'what the warning said happened');
  } finally {
    await api.close();
  }
});

test('the OpenAPI document describes the warnings of validate and apply', async () => {
  const api = await startApi();
  try {
    const document = await api.get<{ components: { schemas: Record<string, { properties: Record<string, unknown> }> } }>('/api/v1/openapi.json');
    assert.ok('warnings' in (document.body.components.schemas.ValidateResponse?.properties ?? {}));
    assert.ok('warnings' in (document.body.components.schemas.ApplyResponse?.properties ?? {}));
    assert.ok('severity' in (document.body.components.schemas.Issue?.properties ?? {}));
  } finally {
    await api.close();
  }
});
