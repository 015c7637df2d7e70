import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import type { TeamBody } from '../../src/server/team-schemas.ts';
import { startApi } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

const TEAMS = `
kind: Team
id: csm
title: CSM Team
members:
  - { email: casey@example.com, name: Casey }
---
kind: Team
id: finance
title: Finance Team
members:
  - { email: fran@example.com, name: Fran }
`;

interface TeamsAnswer extends ErrorBody {
  teams: TeamBody[];
  team: TeamBody;
  result: { kind: string; id: string; action: string };
  documents: { kind: string; id: string; members?: { email: string; name?: string }[] }[];
}

test('teams list their members; an admin adds and removes one through the Team document, which export then shows; an editor may not make an approver', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await api.t.apply(TEAMS);
    const editor = await userWithKey(api.t.system.app, 'editor@example.com', ['editor']);
    const approver = await userWithKey(api.t.system.app, 'approver@example.com', ['approver']);
    const as = (key: string) => (method: 'GET' | 'POST', url: string, payload?: object) => api.call<TeamsAnswer>({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

    const listed = await as(approver.key)('GET', '/api/v1/teams');
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.teams.map((team) => team.id), ['csm', 'finance']);
    const casey = listed.body.teams[0]?.members[0];
    assert.equal(casey?.email, 'casey@example.com');
    assert.match(casey?.user ?? '', /^usr_/, 'a team member is a user');

    const beyond = await as(editor.key)('POST', '/api/v1/teams/csm/members', { email: 'New.CSM@Example.com', name: 'Nico' });
    assert.equal(beyond.body.error.code, 'grant_beyond_caller', 'as with apply, an editor cannot make a new approver');
    const byEditor = await as(editor.key)('POST', '/api/v1/teams/finance/members', { email: 'approver@example.com' });
    assert.equal(byEditor.status, 200, 'an editor adds an existing user');
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const added = await as(admin.key)('POST', '/api/v1/teams/csm/members', { email: 'New.CSM@Example.com', name: 'Nico' });
    assert.equal(added.status, 200, added.text);
    assert.equal(added.body.result.action, 'updated');
    assert.deepEqual(added.body.team.members.map((member) => member.email), ['casey@example.com', 'new.csm@example.com']);
    const newUser = await api.t.system.app.identity.store.getUserByEmail('new.csm@example.com');
    assert.deepEqual(newUser?.roles, ['approver'], 'a new member becomes an approver, as with apply');
    assert.equal((await as(editor.key)('POST', '/api/v1/teams/csm/members', { email: 'new.csm@example.com' })).body.result.action, 'unchanged');

    const exported = await as(editor.key)('GET', '/api/v1/export');
    const csm = exported.body.documents.find((document) => document.kind === 'Team' && document.id === 'csm');
    assert.deepEqual(csm?.members, [{ email: 'casey@example.com', name: 'Casey' }, { email: 'new.csm@example.com', name: 'Nico' }]);

    const removed = await as(editor.key)('POST', '/api/v1/teams/csm/members/remove', { email: 'casey@example.com' });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body.team.members.map((member) => member.email), ['new.csm@example.com']);
    assert.ok(await api.t.system.app.identity.store.getUserByEmail('casey@example.com'), 'the removed member stays a user');
    const users = await api.t.system.app.identity.store.teamsByEmail(['casey@example.com', 'new.csm@example.com']);
    assert.equal(users.get('casey@example.com'), undefined);
    assert.deepEqual(users.get('new.csm@example.com'), ['csm']);
  } finally {
    await api.close();
  }
});

test('changing a team: unknown team or member is a 404 naming it; an approver may not; bad email is a 400 on body.email', async () => {
  const api = await startApi({ auth: 'required' });
  try {
    await api.t.apply(TEAMS);
    const admin = await userWithKey(api.t.system.app, 'admin@example.com', ['admin']);
    const approver = await userWithKey(api.t.system.app, 'approver@example.com', ['approver']);
    const post = (key: string, url: string, payload: object) => api.call<TeamsAnswer>({ method: 'POST', url, headers: bearer(key), payload });

    const noTeam = await post(admin.key, '/api/v1/teams/nope/members', { email: 'x@example.com' });
    assert.equal(noTeam.status, 404);
    assert.equal(noTeam.body.error.code, 'team_not_found');
    assert.match(noTeam.body.error.message, /csm, finance/);
    const noMember = await post(admin.key, '/api/v1/teams/finance/members/remove', { email: 'casey@example.com' });
    assert.equal(noMember.body.error.code, 'team_member_not_found');
    assert.match(noMember.body.error.message, /fran@example\.com/);
    const refused = await post(approver.key, '/api/v1/teams/finance/members', { email: 'x@example.com' });
    assert.equal(refused.status, 403);
    const bad = await post(admin.key, '/api/v1/teams/finance/members', { email: 'not an email' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.path, 'body.email');
  } finally {
    await api.close();
  }
});

const APPROVING = `
kind: Workflow
id: refund
title: Customer refund
trigger: { type: manual }
steps:
  - id: csm_review
    title: CSM Review
    type: approval
    assignee: { team: csm }
    timeout: 1d
    on_timeout: "escalate:finance"
    on: { approved: checks, rejected: done }
  - id: checks
    type: parallel
    branches:
      - steps:
          - { id: finance_sign_off, type: approval, assignee: { team: finance } }
      - steps:
          - { id: by_template, type: approval, assignee: { team: "{{ input.team }}" } }
    next: done
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: dormant
title: Dormant check
trigger: { type: manual }
steps:
  - { id: look, type: approval, assignee: { team: csm } }
`;

test('each team lists the approval steps of active workflows that send it tasks, to decide or on escalation', async () => {
  const api = await startApi();
  try {
    await api.t.apply(TEAMS);
    await api.t.apply(APPROVING);
    assert.equal((await api.call({ method: 'POST', url: '/api/v1/workflows/dormant/deactivate' })).status, 200, 'an inactive workflow sends no task');
    const listed = await api.call<TeamsAnswer>({ method: 'GET', url: '/api/v1/teams' });
    assert.equal(listed.status, 200, listed.text);
    const approves = Object.fromEntries(listed.body.teams.map((team) => [team.id, team.approves]));
    assert.deepEqual(approves.csm, [{ workflow: 'refund', workflow_title: 'Customer refund', step: 'csm_review', step_title: 'CSM Review', route: 'assignee' }]);
    assert.deepEqual(approves.finance, [
      { workflow: 'refund', workflow_title: 'Customer refund', step: 'csm_review', step_title: 'CSM Review', route: 'escalation' },
      { workflow: 'refund', workflow_title: 'Customer refund', step: 'finance_sign_off', step_title: 'Finance sign off', route: 'assignee' },
    ]);
    const changed = await api.call<TeamsAnswer>({ method: 'POST', url: '/api/v1/teams/csm', payload: { description: 'Customer success' } });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(changed.body.team.approves.map((step) => step.step), ['csm_review'], 'a change answers the team as the list shows it');
  } finally {
    await api.close();
  }
});
