import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapFirstAdmin, DEFAULT_ADMIN_EMAIL } from '../../src/identity/first-admin.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

const DEFINITIONS = `
kind: Team
id: ops
members: [{ email: ops@mailhost }]
---
kind: Workflow
id: local-ask
trigger:
  type: form
  form:
    - { key: note, type: text, required: true }
steps:
  - id: sign_off
    type: approval
    assignee: { team: ops }
    on: { approved: done, rejected: done }
  - { id: done, type: end, outcome: Done }
---
kind: Service
id: local
title: Local
offerings:
  - { id: ask, title: Ask, workflow: local-ask }
`;

void describe('local addresses (admin@localhost, user@host) name people', () => {
  let api: ApiHarness;
  let key: string;
  const as = <T>(method: 'GET' | 'POST', url: string, payload?: object | string, contentType = 'application/json') =>
    api.call<T>({ method, url, headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, ...(payload === undefined ? {} : { payload }) });

  before(async () => {
    api = await startApi({ auth: 'required' });
    const admin = await bootstrapFirstAdmin(api.t.system.app.identity);
    assert.ok(admin);
    assert.equal(admin.email, DEFAULT_ADMIN_EMAIL);
    key = admin.apiKey;
    const applied = await as('POST', '/api/v1/apply', DEFINITIONS, 'application/yaml');
    assert.equal(applied.status, 200, `a team member at a dotless host is valid: ${applied.text}`);
  });
  after(() => api.close());

  void it('the first admin admin@localhost submits a request; ops@mailhost is its approver', async () => {
    const submitted = await as<{ request: { id: string; requester: string; status: string } }>('POST', '/api/v1/catalog/offerings/ask/requests', { values: { note: 'hello' } });
    assert.equal(submitted.status, 201, submitted.text);
    assert.equal(submitted.body.request.requester, 'admin@localhost');
    await api.t.settle();
    const settled = await as<{ pending_approvals: { approvers: string[] }[] }>('GET', `/api/v1/requests/${submitted.body.request.id}`);
    assert.deepEqual(settled.body.pending_approvals.map((task) => task.approvers), [['ops@mailhost']]);
  });

  void it('users and delegates may have local addresses; a malformed address is still refused', async () => {
    const created = await as<{ user: { email: string } }>('POST', '/api/v1/users', { email: 'Ana@Intranet', roles: ['approver'] });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.user.email, 'ana@intranet');
    const delegated = await as('POST', '/api/v1/approvals/delegations', { delegate: 'deputy@localhost', starts_at: '2026-01-01T00:00:00Z', ends_at: '2026-01-02T00:00:00Z' });
    assert.equal(delegated.status, 201, delegated.text);
    for (const email of ['ana@', '@localhost', 'ana@host.', 'ana@.host', 'a b@localhost']) {
      const refused = await as<{ error: { code: string } }>('POST', '/api/v1/users', { email, roles: ['approver'] });
      assert.equal(refused.status, 400, `${email}: ${refused.text}`);
    }
  });
});
