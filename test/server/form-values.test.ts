import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

const PAYOUT_YAML = `
kind: Workflow
id: payout-request
trigger:
  type: form
  form:
    - { key: amount, type: money, required: true }
    - { key: count, type: number }
    - { key: due, type: date }
    - { key: receipt, type: url }
    - { key: code, type: text, pattern: "^(a+)+$" }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Service
id: finance
title: Finance
offerings:
  - { id: payout, title: Payout, workflow: payout-request }
`;

void describe('form values over HTTP', () => {
  let api: ApiHarness;
  const submit = (values: object) =>
    api.post<{ request: RequestBody; run: RunBody } & ErrorBody>('/api/v1/catalog/offerings/payout/requests', { values, requester: 'riley@example.com' });

  before(async () => {
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', PAYOUT_YAML);
    assert.equal(applied.status, 200, applied.text);
  });
  after(() => api.close());

  void it('a submission with loosely typed values answers form_invalid listing each bad field, and starts nothing', async () => {
    const before = await api.t.system.store.countRuns({});
    const answer = await submit({ amount: '0.001 usd', count: '0x10', due: '2024-02-30', receipt: 'javascript:alert(1)', code: `${'a'.repeat(25)}!` });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.body.error.code, 'form_invalid');
    const issues = new Map((answer.body.error.issues ?? []).map((issue) => [issue.path, issue.message]));
    assert.deepEqual([...issues.keys()].sort(), ['values.amount', 'values.code', 'values.count', 'values.due', 'values.receipt']);
    assert.match(issues.get('values.amount') ?? '', /more decimals than USD allows/);
    assert.match(issues.get('values.count') ?? '', /must be a number, got "0x10"/);
    assert.match(issues.get('values.due') ?? '', /not a day of the calendar/);
    assert.match(issues.get('values.receipt') ?? '', /only http and https/);
    assert.match(issues.get('values.code') ?? '', /does not match the pattern/);
    const money = await submit({ amount: '12abc' });
    assert.equal(money.status, 400);
    assert.deepEqual(money.body.error.issues?.map((issue) => issue.path), ['values.amount']);
    assert.equal(await api.t.system.store.countRuns({}), before, 'no run started');
  });

  void it('good values are accepted, converted by type', async () => {
    const answer = await submit({ amount: '19.99 USD', count: '3', due: '2024-02-29', receipt: 'https://example.com/r/1', code: 'aaa' });
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(answer.body.run.variables.amount, { amount: 19.99, currency: 'usd' });
    assert.equal(answer.body.run.variables.count, 3);
  });
});
