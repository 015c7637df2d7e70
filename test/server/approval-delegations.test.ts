import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DelegationBody } from '../../src/server/approval-review-schemas.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';

type DelegationList = { delegations: DelegationBody[] };

void describe('delegations while away: listing mine and ending one', () => {
  let api: ApiHarness;
  const hour = 3_600_000;
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
  const delegate = async (by: string, to: string, from: number, until: number) => {
    const made = await api.post('/api/v1/approvals/delegations', { delegate: to, starts_at: at(from), ends_at: at(until), by });
    assert.equal(made.status, 201, made.text);
  };

  before(async () => {
    api = await startApi();
  });
  after(() => api.close());

  void it('lists the caller\'s delegations, latest start first, with their state; current=true leaves out ended ones', async () => {
    await delegate('ava@example.com', 'bo@example.com', -2 * hour, 2 * hour);
    await delegate('ava@example.com', 'cy@example.com', 24 * hour, 48 * hour);
    await delegate('ava@example.com', 'di@example.com', -48 * hour, -24 * hour);
    await delegate('zed@example.com', 'bo@example.com', -hour, hour);

    const all = await api.get<DelegationList>('/api/v1/approvals/delegations?as=ava@example.com');
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(
      all.body.delegations.map((one) => [one.delegate, one.state]),
      [
        ['cy@example.com', 'upcoming'],
        ['bo@example.com', 'active'],
        ['di@example.com', 'ended'],
      ],
    );
    assert.ok(all.body.delegations.every((one) => one.user === 'ava@example.com' && one.id.startsWith('dlg_')));
    const current = await api.get<DelegationList>('/api/v1/approvals/delegations?as=ava@example.com&current=true');
    assert.deepEqual(current.body.delegations.map((one) => one.delegate), ['cy@example.com', 'bo@example.com']);
    const bad = await api.get<ErrorBody>('/api/v1/approvals/delegations?as=ava@example.com&limit=0');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.path, 'query.limit');
    const nobody = await api.get<ErrorBody>('/api/v1/approvals/delegations');
    assert.equal(nobody.status, 400);
    assert.equal(nobody.body.error.code, 'caller_unknown');
  });

  void it('ends an active delegation now and calls off an upcoming one; only the one who made it, once', async () => {
    const before = await api.get<DelegationList>('/api/v1/approvals/delegations?as=ava@example.com&current=true');
    const upcoming = before.body.delegations.find((one) => one.state === 'upcoming');
    const active = before.body.delegations.find((one) => one.state === 'active');
    assert.ok(upcoming && active);

    const notYours = await api.post<ErrorBody>(`/api/v1/approvals/delegations/${active.id}/end`, { by: 'zed@example.com' });
    assert.equal(notYours.status, 404, notYours.text);
    assert.equal(notYours.body.error.code, 'delegation_not_found');

    const ended = await api.post<{ delegation: DelegationBody }>(`/api/v1/approvals/delegations/${active.id}/end`, { by: 'ava@example.com' });
    assert.equal(ended.status, 200, ended.text);
    assert.equal(ended.body.delegation.state, 'ended');
    assert.ok(Date.parse(ended.body.delegation.ends_at) <= Date.now());
    const again = await api.post<ErrorBody>(`/api/v1/approvals/delegations/${active.id}/end`, { by: 'ava@example.com' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'delegation_ended');

    const calledOff = await api.post<{ delegation: DelegationBody }>(`/api/v1/approvals/delegations/${upcoming.id}/end`, { by: 'ava@example.com' });
    assert.equal(calledOff.status, 200, calledOff.text);
    assert.equal(calledOff.body.delegation.state, 'ended');
    assert.equal(calledOff.body.delegation.ends_at, calledOff.body.delegation.starts_at, 'it never starts');

    const after = await api.get<DelegationList>('/api/v1/approvals/delegations?as=ava@example.com&current=true');
    assert.deepEqual(after.body.delegations, []);
    // bo no longer decides for ava; zed's delegation to bo is untouched.
    const zeds = await api.get<DelegationList>('/api/v1/approvals/delegations?as=zed@example.com&current=true');
    assert.equal(zeds.body.delegations.length, 1);

    const garbage = await api.post<ErrorBody>('/api/v1/approvals/delegations/dlg_!!/end', { by: 'ava@example.com' });
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body.error.code, 'delegation_id_invalid');
  });

  void it('`as`, `by` and `delegate` that are not email addresses are refused at the parameter, as GET /requests refuses them; spaces and case around one do not matter', async () => {
    const hint = 'not an email address; give an email address, e\\.g\\. ops@example\\.com or admin@localhost';
    const refusals: [answer: Promise<{ status: number; body: ErrorBody; text: string }>, path: string][] = [
      [api.get<ErrorBody>('/api/v1/approvals/delegations?as=ava'), 'query.as'],
      [api.get<ErrorBody>('/api/v1/approvals/delegations?as=ava%20example.com'), 'query.as'],
      [api.post<ErrorBody>('/api/v1/approvals/delegations', { delegate: 'bo@example.com', starts_at: at(0), ends_at: at(hour), by: 'ava@' }), 'body.by'],
      [api.post<ErrorBody>('/api/v1/approvals/delegations', { delegate: 'bo', starts_at: at(0), ends_at: at(hour), by: 'ava@example.com' }), 'body.delegate'],
      [api.post<ErrorBody>('/api/v1/approvals/delegations/dlg_0abc/end', { by: 'a@b@c' }), 'body.by'],
      [api.get<ErrorBody>('/api/v1/approvals?mine=true&as=casey'), 'query.as'],
      [api.post<ErrorBody>('/api/v1/approvals/apr_0abc/decide', { decision: 'approved', by: 'casey' }), 'body.by'],
    ];
    for (const [pending, path] of refusals) {
      const answer = await pending;
      assert.equal(answer.status, 400, `${path}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'request_invalid', answer.text);
      assert.equal(answer.body.error.path, path, answer.text);
      assert.match(answer.body.error.message, new RegExp(`${path.replace('.', '\\.')}: ${hint}`), answer.text);
    }
    await delegate(' Eve@Example.com ', ' Fay@Example.com', -hour, hour);
    const eves = await api.get<DelegationList>('/api/v1/approvals/delegations?as=%20EVE@example.com%20');
    assert.equal(eves.status, 200, eves.text);
    assert.deepEqual(
      eves.body.delegations.map((one) => [one.user, one.delegate]),
      [['eve@example.com', 'fay@example.com']],
    );
  });
});
