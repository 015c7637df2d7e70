import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

interface Submitted {
  request: RequestBody;
  run: RunBody;
}

void describe('catalog, requests and approvals with authentication required', () => {
  let api: ApiHarness;
  const keys: Record<string, string> = {};
  const as = (who: string) => bearer(keys[who] ?? '');
  const submit = (who: string, body: object) => api.call<Submitted & ErrorBody>({ method: 'POST', url: '/api/v1/catalog/offerings/refund/requests', headers: as(who), payload: body });

  before(async () => {
    api = await startApi({ auth: 'required' });
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const applied = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(admin.key), 'content-type': 'application/yaml' }, payload: CATALOG_YAML });
    assert.equal(applied.status, 200, applied.text);
    keys.rae = (await userWithKey(api.t.system.app, 'rae@example.com', ['requester'])).key;
    keys.ann = (await userWithKey(api.t.system.app, 'ann@example.com', ['requester'])).key;
    keys.cam = (await userWithKey(api.t.system.app, 'cam@example.com', ['approver'])).key;
    keys.casey = (await userWithKey(api.t.system.app, 'casey@example.com', ['approver'])).key;
  });
  after(() => api.close());

  void it('the caller is the requester; naming someone else is refused; requesters see only their own requests', async () => {
    const mine = await submit('rae', { values: GOOD_REFUND });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.body.request.requester, 'rae@example.com');
    const impersonating = await submit('rae', { values: GOOD_REFUND, requester: 'boss@example.com' });
    assert.equal(impersonating.status, 403);
    assert.equal(impersonating.body.error.code, 'caller_mismatch');
    const anns = await submit('ann', { values: GOOD_REFUND });
    assert.equal(anns.status, 201, anns.text);

    const listed = await api.call<{ requests: RequestBody[] }>({ method: 'GET', url: '/api/v1/requests', headers: as('rae') });
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.requests.map((request) => request.requester), ['rae@example.com']);
    const others = await api.call<ErrorBody>({ method: 'GET', url: `/api/v1/requests/${anns.body.request.id}`, headers: as('rae') });
    assert.equal(others.status, 403);
    assert.equal(others.body.error.code, 'not_your_request');
    const cancelOthers = await api.call<ErrorBody>({ method: 'POST', url: `/api/v1/requests/${anns.body.request.id}/cancel`, headers: as('rae') });
    assert.equal(cancelOthers.status, 403);
    const all = await api.call<{ requests: RequestBody[] }>({ method: 'GET', url: '/api/v1/requests', headers: as('cam') });
    assert.equal(all.body.requests.length, 2, 'an approver sees every request');
    const filtered = await api.call<{ requests: RequestBody[] }>({ method: 'GET', url: '/api/v1/requests?service=customer-success&offering=refund', headers: as('rae') });
    assert.deepEqual(filtered.body.requests.map((request) => request.requester), ['rae@example.com'], 'a filter by offering still shows a requester only their own');
    const allOfOffering = await api.call<{ requests: RequestBody[] }>({ method: 'GET', url: '/api/v1/requests?offering=refund', headers: as('cam') });
    assert.equal(allOfOffering.body.requests.length, 2, 'and an approver every one of it');
  });

  void it('an approver decides as themself; a requester may not decide; the requester-approver is refused on their own request', async () => {
    const own = await submit('casey', { values: GOOD_REFUND });
    assert.equal(own.status, 201, own.text);
    await api.t.waitForRun(own.body.run.id, { untilStatus: 'waiting' });
    const inbox = await api.call<{ approvals: ApprovalTaskBody[] }>({ method: 'GET', url: '/api/v1/approvals?status=pending&mine=true', headers: as('cam') });
    assert.equal(inbox.status, 200, inbox.text);
    const task = inbox.body.approvals.find((candidate) => candidate.run === own.body.run.id);
    assert.ok(task);
    const decide = (who: string, body: object) => api.call<ErrorBody & { approval: ApprovalTaskBody }>({ method: 'POST', url: `/api/v1/approvals/${task.id}/decide`, headers: as(who), payload: body });

    const byRequester = await decide('rae', { decision: 'approved' });
    assert.equal(byRequester.status, 403);
    assert.equal(byRequester.body.error.code, 'forbidden');
    const selfApproval = await decide('casey', { decision: 'approved' });
    assert.equal(selfApproval.status, 403);
    assert.equal(selfApproval.body.error.code, 'separation_of_duties');
    const approved = await decide('cam', { decision: 'approved' });
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.body.approval.outcome?.by, 'cam@example.com');
  });
});
