import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

const WORKFLOWS = `
kind: Workflow
id: regex-hook
trigger:
  type: webhook
  when: $contains(body.note, /(a+)+$/)
steps:
  - { id: done, type: end, outcome: Matched }
---
kind: Workflow
id: padder
trigger:
  type: manual
  input: [{ key: width, type: number, required: true }]
steps:
  - id: grow
    type: set
    values: { big: "{{ $split($pad('', width), '') }}" }
  - { id: done, type: end, outcome: Done }
`;

void describe('expressions that would block or exhaust the process', () => {
  let api: ApiHarness;
  before(async () => {
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', WORKFLOWS);
    assert.equal(applied.status, 200, applied.text);
  });
  after(() => api.close());

  void it('a backtracking regex in a trigger `when` runs in linear time; the health probe answers', async () => {
    const delivered = api.call<{ run_id: string | null; reason?: string }>({
      method: 'POST',
      url: '/webhooks/workflows/regex-hook',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ note: `${'a'.repeat(30_000)}!` }),
    });
    const health = await api.get('/healthz');
    assert.equal(health.status, 200);
    const answer = await delivered;
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.body, { run_id: null, reason: 'condition_false' });
  });

  void it('a $pad of 200 million characters fails its step with expression_limit_exceeded', async () => {
    const started = await api.post<{ run: RunBody }>('/api/v1/workflows/padder/runs', { input: { width: 200_000_000 } });
    assert.equal(started.status, 202, started.text);
    const run = await api.t.waitForRun(started.body.run.id);
    assert.equal(run.status, 'failed');
    assert.equal(run.error?.code, 'expression_limit_exceeded');
    assert.equal(run.error?.limit, 'maxStringLength');
  });

  void it('validation refuses a regex the linear-time engine cannot run, at its path', async () => {
    const yaml = 'kind: Workflow\nid: backref\ntrigger:\n  type: webhook\n  when: $contains(body.note, /(a)\\1/)\nsteps:\n  - { id: done, type: end }\n';
    const answer = await api.postYaml<ErrorBody>('/api/v1/validate', yaml);
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error.code, 'definition_invalid');
    const issue = answer.body.error.issues?.find((one) => one.path.endsWith('trigger.when'));
    assert.match(issue?.message ?? '', /linear-time engine without backreferences or lookaround/);
  });
});
