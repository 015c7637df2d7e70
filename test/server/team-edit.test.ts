import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import type { TeamBody } from '../../src/server/team-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

interface TeamAnswer extends ErrorBody {
  team: TeamBody;
  result: { kind: string; id: string; action: string };
  documents: { kind: string; id: string; title?: string; description?: string; members?: { email: string; name?: string }[] }[];
}

const NEW_TEAM = { id: 'finance-approvers', title: 'Finance approvers', description: 'Approve refunds over 500 USD', members: [{ email: 'Fran@Example.com', name: 'Fran' }] };

async function callAs(api: ApiHarness, key: string, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  return api.call<TeamAnswer>({ method, url, headers: { ...bearer(key), ...headers }, ...(payload === undefined ? {} : { payload }) });
}

test('an admin makes a team and renames it: each is an apply of its Team document, which the audit trail records and export shows', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const created = await callAs(api, admin.key, 'POST', '/api/v1/teams', NEW_TEAM);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.result.action, 'created');
    assert.equal(created.body.team.title, 'Finance approvers');
    assert.equal(created.body.team.description, 'Approve refunds over 500 USD');
    assert.deepEqual(created.body.team.members.map((member) => [member.email, member.name]), [['fran@example.com', 'Fran']]);
    assert.deepEqual((await api.t.system.app.identity.store.getUserByEmail('fran@example.com'))?.roles, ['approver'], 'a new member becomes a user, as with apply');

    const renamed = await callAs(api, admin.key, 'POST', '/api/v1/teams/finance-approvers', { title: 'Finance (refunds)', description: null });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.result.action, 'updated');
    assert.equal(renamed.body.team.title, 'Finance (refunds)');
    assert.equal(renamed.body.team.description, null);
    assert.deepEqual(renamed.body.team.members.map((member) => member.email), ['fran@example.com'], 'the members stay');
    const again = await callAs(api, admin.key, 'POST', '/api/v1/teams/finance-approvers', { title: 'Finance (refunds)' });
    assert.equal(again.body.result.action, 'unchanged');

    const exported = await callAs(api, admin.key, 'GET', '/api/v1/export');
    const team = exported.body.documents.find((document) => document.kind === 'Team' && document.id === 'finance-approvers');
    assert.deepEqual(team, { kind: 'Team', id: 'finance-approvers', title: 'Finance (refunds)', members: [{ email: 'fran@example.com', name: 'Fran' }] });

    const entries = (await api.t.system.store.audit.entriesAfter(0, 1000)).filter((entry) => entry.target.type === 'team' && entry.target.id === 'finance-approvers');
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor.id]), [
      ['definition.applied', 'admin@example.com'],
      ['definition.applied', 'admin@example.com'],
    ]);
    assert.deepEqual(entries[0]?.detail.after, { title: 'Finance approvers', description: 'Approve refunds over 500 USD', members: [{ email: 'fran@example.com', name: 'Fran', approvalLimit: null }] });
    assert.equal((entries[1]?.detail.after as { title: string }).title, 'Finance (refunds)');
  } finally {
    await api.close();
  }
});

test('making a team: an id in use is a 409, a bad id or member a 400 naming the field, a viewer or approver may not, and a repeated key replays the first answer', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const viewer = await userWithKey(api.t.system.app, 'viewer@example.com', ['viewer']);
    const approver = await userWithKey(api.t.system.app, 'approver@example.com', ['approver']);

    const first = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'csm', title: 'CSM', members: [{ email: 'approver@example.com' }] }, { 'idempotency-key': 'team-csm-1' });
    assert.equal(first.status, 201, first.text);
    const replay = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'csm', title: 'CSM', members: [{ email: 'approver@example.com' }] }, { 'idempotency-key': 'team-csm-1' });
    assert.equal(replay.status, 201);
    assert.equal(replay.text, first.text, 'the first answer again');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const reused = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'csm2', title: 'CSM' }, { 'idempotency-key': 'team-csm-1' });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');

    const taken = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'csm', title: 'Another CSM' });
    assert.equal(taken.status, 409, taken.text);
    assert.equal(taken.body.error.code, 'team_exists');
    assert.equal(taken.body.error.path, 'body.id');
    assert.equal((await api.t.system.store.getTeam('csm'))?.title, 'CSM', 'the team is left as it was');

    const badId = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'Finance approvers!', title: 'Finance' });
    assert.equal(badId.status, 400);
    assert.equal(badId.body.error.code, 'request_invalid');
    assert.equal(badId.body.error.path, 'body.id');
    const badMember = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'finance', title: 'Finance', members: [{ email: 'fran@example.com' }, { email: 'not an email' }] });
    assert.equal(badMember.status, 400);
    assert.equal(badMember.body.error.issues?.[0]?.path, 'body.members[1].email');
    const noTitle = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'finance', title: '  ' });
    assert.equal(noTitle.body.error.path, 'body.title');
    const nothing = await callAs(api, editor.key, 'POST', '/api/v1/teams/csm', {});
    assert.equal(nothing.status, 400);
    const unknown = await callAs(api, editor.key, 'POST', '/api/v1/teams/nope', { title: 'Nope' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'team_not_found');

    // As with apply, an editor cannot make a new user an approver: refused at the member, nothing applied.
    const beyond = await callAs(api, editor.key, 'POST', '/api/v1/teams', { id: 'finance', title: 'Finance', members: [{ email: 'new.person@example.com' }] });
    assert.equal(beyond.status, 403);
    assert.equal(beyond.body.error.code, 'grant_beyond_caller');
    assert.equal(await api.t.system.store.getTeam('finance'), undefined);

    for (const key of [viewer.key, approver.key]) {
      const create = await callAs(api, key, 'POST', '/api/v1/teams', { id: 'finance', title: 'Finance' });
      assert.equal(create.status, 403, create.text);
      const rename = await callAs(api, key, 'POST', '/api/v1/teams/csm', { title: 'Renamed' });
      assert.equal(rename.status, 403);
    }
    assert.equal(await api.t.system.store.getTeam('finance'), undefined);
    assert.equal((await api.t.system.store.getTeam('csm'))?.title, 'CSM');
  } finally {
    await api.close();
  }
});
