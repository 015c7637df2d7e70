/**
 * Saved views over the API, on the dialect TOLLGATE_TEST_DIALECT names: a person saves a page's filters for
 * themselves or for a team of theirs; teammates see and use a shared one but only its owner (or an admin)
 * changes it; a view someone cannot see is a 404 to them. The query string is checked against the page's own
 * filters, and what a disabled owner, a member leaving a team, or a deleted user or team leaves behind is fixed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import type { SavedViewBody } from '../../src/server/saved-view-schemas.ts';
import { inspectDatabase } from '../../src/store/inspect.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

type Answer = ErrorBody & { view: SavedViewBody; views: SavedViewBody[] };

void describe('saved views', () => {
  let api: ApiHarness;
  /** Each person's API key, by first name. */
  const keys = new Map<string, string>();
  const as = (who: string) => {
    const key = keys.get(who);
    assert.ok(key, `no key for ${who}`);
    return {
      get: (url: string) => api.call<Answer>({ method: 'GET', url, headers: bearer(key) }),
      post: (url: string, payload?: object, headers: Record<string, string> = {}) =>
        api.call<Answer>({ method: 'POST', url, headers: { ...bearer(key), ...headers }, ...(payload === undefined ? {} : { payload }) }),
    };
  };
  const save = async (who: string, body: object) => {
    const answer = await as(who).post('/api/v1/views', body);
    assert.equal(answer.status, 201, answer.text);
    return answer.body.view;
  };
  const namesOn = async (who: string, page: string) => (await as(who).get(`/api/v1/views?page=${page}`)).body.views.map((view) => view.name);
  const auditOf = async (id: string) => (await api.t.system.store.audit.entriesAfter(0, 10_000)).filter((entry) => entry.target.type === 'saved_view' && entry.target.id === id);

  before(async () => {
    api = await startApi({ auth: 'required' });
    const app = api.t.system.app;
    keys.set('admin', (await userWithKey(app, 'admin@example.com', ['admin'])).key);
    for (const name of ['ava', 'bo', 'cy', 'dee']) keys.set(name, (await userWithKey(app, `${name}@example.com`, [name === 'cy' ? 'viewer' : 'approver'])).key);
    for (const team of [
      { id: 'finance', title: 'Finance', members: [{ email: 'ava@example.com' }, { email: 'bo@example.com' }, { email: 'dee@example.com' }] },
      { id: 'csm', title: 'CSM', members: [{ email: 'cy@example.com' }] },
    ]) {
      const made = await as('admin').post('/api/v1/teams', team);
      assert.equal(made.status, 201, made.text);
    }
  });
  after(() => api.close());

  void it('saves a view for oneself and one for a team: the owner lists both, a teammate the shared one, anyone else neither', async () => {
    const own = await save('ava', { page: 'approvals', name: 'Largest first', query: 'view=all&sort=amount' });
    assert.equal(own.team, null);
    assert.deepEqual([own.page, own.query, own.owner, own.mine, own.can_change], ['approvals', 'view=all&sort=amount', 'ava@example.com', true, true]);
    assert.match(own.id, /^view_/);
    const shared = await save('ava', { page: 'approvals', name: 'Finance, refunds', query: 'team=finance&workflow=customer-refund', team: 'finance' });
    assert.equal(shared.team, 'finance');
    await save('ava', { page: 'runs', name: 'Failed refunds', query: 'workflow=customer-refund&status=failed' });

    assert.deepEqual(await namesOn('ava', 'approvals'), ['Finance, refunds', 'Largest first'], 'by name');
    const everyPage = (await as('ava').get('/api/v1/views')).body.views;
    assert.deepEqual(everyPage.map((view) => [view.page, view.name]), [
      ['approvals', 'Finance, refunds'],
      ['approvals', 'Largest first'],
      ['runs', 'Failed refunds'],
    ]);

    const teammate = (await as('bo').get('/api/v1/views?page=approvals')).body.views;
    assert.deepEqual(teammate.map((view) => [view.name, view.query, view.owner, view.mine, view.can_change]), [['Finance, refunds', 'team=finance&workflow=customer-refund', 'ava@example.com', false, false]]);
    assert.deepEqual(await namesOn('bo', 'runs'), [], "ava's own runs view is hers alone");
    assert.deepEqual(await namesOn('cy', 'approvals'), [], 'not a member of finance: sees no finance view');

    const admin = (await as('admin').get('/api/v1/views?page=approvals')).body.views;
    assert.deepEqual(admin, [], 'an admin lists the views they can use, like anyone');
    const everyone = (await as('admin').get('/api/v1/views?page=approvals&all=true')).body.views;
    assert.deepEqual(everyone.map((view) => [view.name, view.mine, view.can_change]), [
      ['Finance, refunds', false, true],
      ['Largest first', false, true],
    ]);
    const notAdmin = await as('bo').get('/api/v1/views?all=true');
    assert.equal(notAdmin.status, 403, notAdmin.text);
    assert.equal(notAdmin.body.error.code, 'forbidden');
  });

  void it('a name is taken per owner and page, without regard to case: 409 at body.name; another page or another person may use it', async () => {
    const taken = await as('ava').post('/api/v1/views', { page: 'approvals', name: 'largest FIRST', query: '' });
    assert.equal(taken.status, 409, taken.text);
    assert.equal(taken.body.error.code, 'saved_view_name_taken');
    assert.equal(taken.body.error.path, 'body.name');
    assert.match(taken.body.error.message, /you have a view "Largest first" on the approvals page already/, 'it names the view as saved');
    await save('ava', { page: 'events', name: 'Largest first', query: '' });
    await save('bo', { page: 'approvals', name: 'Largest first', query: 'sort=amount' });
    assert.deepEqual(await namesOn('bo', 'approvals'), ['Finance, refunds', 'Largest first']);
  });

  void it('refuses what a page would not write, each at its field: page, name, query (by key, value, escape and length), team', async () => {
    const refused = async (body: object, status: number, code: string, path: string, message?: RegExp) => {
      const answer = await as('ava').post('/api/v1/views', body);
      assert.equal(answer.status, status, answer.text);
      assert.equal(answer.body.error.code, code, answer.text);
      assert.equal(answer.body.error.issues?.[0]?.path ?? answer.body.error.path, path, answer.text);
      if (message !== undefined) assert.match(answer.text, message);
    };
    const view = { page: 'runs', name: 'Checked', query: 'status=failed' };
    await refused({ ...view, page: 'payouts' }, 400, 'request_invalid', 'body.page');
    await refused({ ...view, name: '   ' }, 400, 'request_invalid', 'body.name');
    await refused({ ...view, name: 'x'.repeat(101) }, 400, 'request_invalid', 'body.name');
    await refused({ ...view, colour: 'red' }, 400, 'request_invalid', 'body.colour');
    await refused({ ...view, query: 'status=failed&sort=amount' }, 400, 'saved_view_query_invalid', 'body.query', /the runs page has no filter \\"sort\\"; its filters are workflow, status, within, from, to, event, object, request/);
    await refused({ ...view, query: 'status=lost' }, 400, 'saved_view_query_invalid', 'body.query', /\\"status\\" must be one of running, waiting, succeeded, failed, cancelled/);
    await refused({ ...view, page: 'approvals', query: 'view=mine' }, 400, 'saved_view_query_invalid', 'body.query', /\\"view\\" must be \\"all\\" or left out/);
    await refused({ ...view, query: 'status=failed&status=running' }, 400, 'saved_view_query_invalid', 'body.query', /given twice/);
    await refused({ ...view, query: 'workflow=' }, 400, 'saved_view_query_invalid', 'body.query', /has no value/);
    await refused({ ...view, query: 'workflow=100%' }, 400, 'saved_view_query_invalid', 'body.query', /not URL-encoded/);
    await refused({ ...view, query: '?status=failed' }, 400, 'saved_view_query_invalid', 'body.query', /without its leading/);
    await refused({ ...view, query: `event=${'e'.repeat(2001)}` }, 400, 'request_invalid', 'body.query');
    await refused({ ...view, query: `event=${'e'.repeat(301)}` }, 400, 'saved_view_query_invalid', 'body.query', /more than a filter takes \(300\)/);
    await refused({ ...view, query: 'status=failed&within=2h' }, 400, 'saved_view_query_invalid', 'body.query', /\\"within\\" must be one of 1h, 24h, 7d, 30d, not \\"2h\\"/);
    await refused({ ...view, page: 'events', query: 'within=1d' }, 400, 'saved_view_query_invalid', 'body.query', /\\"within\\" must be one of 1h, 24h, 7d, 30d/);
    await refused({ ...view, query: 'within=24h&from=2026-03-01T10%3A00' }, 400, 'saved_view_query_invalid', 'body.query', /\\"within\\" cannot be given with \\"from\\"; keep one of them/);
    await refused({ ...view, page: 'requests', query: 'within=2h' }, 400, 'saved_view_query_invalid', 'body.query', /\\"within\\" must be one of 1h, 24h, 7d, 30d, not \\"2h\\"/);
    await refused({ ...view, page: 'requests', query: 'within=7d&to=2026-03-01T10%3A00' }, 400, 'saved_view_query_invalid', 'body.query', /\\"within\\" cannot be given with \\"to\\"; keep one of them/);
    await refused({ ...view, team: 'csm' }, 400, 'saved_view_team_invalid', 'body.team', /not a member of a team \\"csm\\".*your teams: finance/);
    await refused({ ...view, team: 'nobody-has-this' }, 400, 'saved_view_team_invalid', 'body.team');
    await refused({ ...view, team: 'Not an id!' }, 400, 'request_invalid', 'body.team');
    assert.deepEqual(await namesOn('ava', 'runs'), ['Failed refunds'], 'nothing refused was saved');

    // What the pages write is taken as written: an encoded value, a JSON-quoted id, a local time.
    const written = await save('ava', { page: 'runs', name: 'Encoded', query: 'workflow=%22123%22&from=2026-03-01T10%3A00&object=pi_3Q+x' });
    assert.equal(written.query, 'workflow=%22123%22&from=2026-03-01T10%3A00&object=pi_3Q+x');
    // A relative window is kept as written, so the view means the last 7 days whenever it is opened.
    const relative = await save('ava', { page: 'runs', name: 'Failed this week', query: 'status=failed&within=7d' });
    const events = await save('ava', { page: 'events', name: 'Refunds today', query: 'type=charge.refunded&within=24h' });
    const listed = (await as('ava').get('/api/v1/views?page=runs')).body.views.find((one) => one.id === relative.id);
    assert.equal(listed?.query, 'status=failed&within=7d', 'read back as saved');
    assert.equal((await as('ava').get('/api/v1/views?page=events')).body.views.find((one) => one.id === events.id)?.query, 'type=charge.refunded&within=24h');
    const refunds = await save('ava', { page: 'requests', name: 'Refunds this week', query: 'view=all&offering=refund&within=7d' });
    assert.equal((await as('ava').get('/api/v1/views?page=requests')).body.views.find((one) => one.id === refunds.id)?.query, 'view=all&offering=refund&within=7d');
    const changed = await as('ava').post(`/api/v1/views/${relative.id}`, { query: 'status=failed&within=30d' });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.view.query, 'status=failed&within=30d');
    const viewer = await as('cy').post('/api/v1/views', { page: 'requests', name: 'Open ones', query: 'view=all&status=open&service=customer-success' });
    assert.equal(viewer.status, 201, 'a viewer saves views too');
  });

  void it('only the owner or an admin renames, changes or deletes: a teammate gets 403 naming the owner, someone who cannot see it 404', async () => {
    const [shared] = (await as('ava').get('/api/v1/views?page=approvals')).body.views.filter((view) => view.team === 'finance');
    assert.ok(shared);
    const byTeammate = await as('bo').post(`/api/v1/views/${shared.id}`, { name: 'Mine now' });
    assert.equal(byTeammate.status, 403, byTeammate.text);
    assert.equal(byTeammate.body.error.code, 'saved_view_not_owner');
    assert.match(byTeammate.body.error.message, /ava@example\.com/);
    const byStranger = await as('cy').post(`/api/v1/views/${shared.id}`, { name: 'Mine now' });
    assert.equal(byStranger.status, 404, byStranger.text);
    assert.equal(byStranger.body.error.code, 'saved_view_not_found');
    assert.doesNotMatch(byStranger.text, /ava|Finance/, 'a 404 says nothing of the view');
    for (const who of ['bo', 'cy']) {
      const deleted = await as(who).post(`/api/v1/views/${shared.id}/delete`);
      assert.equal(deleted.status, who === 'bo' ? 403 : 404, deleted.text);
    }
    const unknown = await as('ava').post('/api/v1/views/view_nothing', { name: 'x' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.path, 'id');

    const renamed = await as('ava').post(`/api/v1/views/${shared.id}`, { name: 'Finance refunds, largest first', query: 'team=finance&workflow=customer-refund&sort=amount' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.deepEqual([renamed.body.view.name, renamed.body.view.query, renamed.body.view.team], ['Finance refunds, largest first', 'team=finance&workflow=customer-refund&sort=amount', 'finance']);
    assert.deepEqual(await namesOn('bo', 'approvals'), ['Finance refunds, largest first', 'Largest first'], 'the team sees the change');
    const caseOnly = await as('ava').post(`/api/v1/views/${shared.id}`, { name: 'FINANCE refunds, largest first' });
    assert.equal(caseOnly.status, 200, 'a change of case alone is the same name, its own');
    const clash = await as('ava').post(`/api/v1/views/${shared.id}`, { name: 'largest first' });
    assert.equal(clash.status, 409, clash.text);
    assert.equal(clash.body.error.path, 'body.name');
    const badQuery = await as('ava').post(`/api/v1/views/${shared.id}`, { query: 'status=failed' });
    assert.equal(badQuery.status, 400, 'the query is checked against the view’s own page');
    assert.match(badQuery.text, /the approvals page has no filter \\"status\\"/);
    const otherTeam = await as('ava').post(`/api/v1/views/${shared.id}`, { team: 'csm' });
    assert.equal(otherTeam.status, 400);
    assert.equal(otherTeam.body.error.code, 'saved_view_team_invalid');
    const nothing = await as('ava').post(`/api/v1/views/${shared.id}`, {});
    assert.equal(nothing.status, 400);
    assert.equal(nothing.body.error.code, 'request_invalid');

    const byAdmin = await as('admin').post(`/api/v1/views/${shared.id}`, { name: 'Finance refunds' });
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal(byAdmin.body.view.owner, 'ava@example.com', 'an admin changes it; it stays its owner’s');
    const adminClash = await as('admin').post(`/api/v1/views/${shared.id}`, { name: 'Largest first' });
    assert.equal(adminClash.status, 409);
    assert.match(adminClash.body.error.message, /ava@example\.com has a view "Largest first"/);

    const [own] = (await as('ava').get('/api/v1/views?page=approvals')).body.views.filter((view) => view.team === null);
    assert.ok(own);
    const deleted = await as('ava').post(`/api/v1/views/${own.id}/delete`);
    assert.equal(deleted.status, 200, deleted.text);
    assert.equal(deleted.body.view.name, 'Largest first');
    const again = await as('ava').post(`/api/v1/views/${own.id}/delete`);
    assert.equal(again.status, 404, 'deleted once');
    assert.deepEqual(await namesOn('ava', 'approvals'), ['Finance refunds']);
  });

  void it('the audit trail records the views shared with a team (made, changed, unshared, deleted), and no one’s own views', async () => {
    const shared = await save('dee', { page: 'events', name: 'Disputes', query: 'type=charge.dispute.created', team: 'finance' });
    const own = await save('dee', { page: 'events', name: 'Refunds', query: 'type=charge.refunded' });
    assert.equal((await as('dee').post(`/api/v1/views/${own.id}`, { name: 'All refunds' })).status, 200);
    assert.equal((await as('dee').post(`/api/v1/views/${own.id}/delete`)).status, 200);
    assert.deepEqual(await auditOf(own.id), [], 'a view no one else sees is not audited');

    assert.equal((await as('dee').post(`/api/v1/views/${shared.id}`, { team: null })).status, 200);
    assert.deepEqual(await namesOn('bo', 'events'), [], 'no longer shared');
    assert.equal((await as('dee').post(`/api/v1/views/${shared.id}`, { team: 'finance' })).status, 200);
    const removed = await as('admin').post(`/api/v1/views/${shared.id}/delete`);
    assert.equal(removed.status, 200, removed.text);

    const entries = await auditOf(shared.id);
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor.id]), [
      ['saved_view.created', 'dee@example.com'],
      ['saved_view.changed', 'dee@example.com'],
      ['saved_view.changed', 'dee@example.com'],
      ['saved_view.deleted', 'admin@example.com'],
    ]);
    const content = { page: 'events', name: 'Disputes', query: 'type=charge.dispute.created' };
    assert.deepEqual(entries[0]?.detail, { ...content, team: 'finance', owner: 'dee@example.com' });
    assert.deepEqual(entries[1]?.detail, { page: 'events', owner: 'dee@example.com', before: { ...content, team: 'finance' }, after: { ...content, team: null } });
    assert.deepEqual(entries[3]?.detail, { ...content, team: 'finance', owner: 'dee@example.com' });
  });

  void it('a repeated create with the same Idempotency-Key answers the first view again; without credentials, 401', async () => {
    const body = { page: 'requests', name: 'Everyone’s open', query: 'view=all&status=open' };
    const first = await as('bo').post('/api/v1/views', body, { 'idempotency-key': 'view-1' });
    assert.equal(first.status, 201, first.text);
    const replay = await as('bo').post('/api/v1/views', body, { 'idempotency-key': 'view-1' });
    assert.equal(replay.status, 201);
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const anonymous = await api.call<Answer>({ method: 'GET', url: '/api/v1/views' });
    assert.equal(anonymous.status, 401);
  });

  void it('a member who leaves the team no longer sees its views; a disabled owner’s shared views stay with the team, for an admin to remove', async () => {
    const shared = await save('bo', { page: 'runs', name: 'Waiting on finance', query: 'status=waiting', team: 'finance' });
    assert.ok((await namesOn('dee', 'runs')).includes('Waiting on finance'));
    const left = await as('admin').post('/api/v1/teams/finance/members/remove', { email: 'dee@example.com' });
    assert.equal(left.status, 200, left.text);
    assert.ok(!(await namesOn('dee', 'runs')).includes('Waiting on finance'), 'dee left finance');
    const stillHers = await as('dee').post('/api/v1/views', { page: 'runs', name: 'Mine', query: '', team: 'finance' });
    assert.equal(stillHers.status, 400, 'nor may she share with it');

    const disabled = await as('admin').post('/api/v1/users/bo@example.com', { disabled: true });
    assert.equal(disabled.status, 200, disabled.text);
    const forAva = (await as('ava').get('/api/v1/views?page=runs')).body.views.find((view) => view.id === shared.id);
    assert.deepEqual([forAva?.owner, forAva?.can_change], ['bo@example.com', false], 'the team keeps using it; it is still bo’s');
    const byAdmin = await as('admin').post(`/api/v1/views/${shared.id}/delete`);
    assert.equal(byAdmin.status, 200, 'an admin may remove it');
  });

  void it('should a user or a team row be deleted, the user’s views go with it and the team’s views become their owners’ own', async () => {
    const db = inspectDatabase(api.t.system.store);
    const app = api.t.system.app;
    keys.set('eve', (await userWithKey(app, 'eve@example.com', ['approver'])).key);
    const made = await as('admin').post('/api/v1/teams', { id: 'temps', title: 'Temps', members: [{ email: 'eve@example.com' }, { email: 'ava@example.com' }] });
    assert.equal(made.status, 201, made.text);
    const evesOwn = await save('eve', { page: 'runs', name: 'Eve’s', query: '' });
    const evesShared = await save('eve', { page: 'runs', name: 'Temps, failed', query: 'status=failed', team: 'temps' });
    const avasShared = await save('ava', { page: 'runs', name: 'Temps, waiting', query: 'status=waiting', team: 'temps' });

    // Tollgate itself deletes neither (a user is disabled, a team loses members): this is the database's promise.
    const eve = await app.identity.store.getUserByEmail('eve@example.com');
    assert.ok(eve);
    await sql`delete from api_keys where user_id = ${eve.id}`.execute(db);
    await sql`delete from users where id = ${eve.id}`.execute(db);
    assert.equal(await app.engine.store.savedViews.get(evesOwn.id), undefined);
    assert.equal(await app.engine.store.savedViews.get(evesShared.id), undefined);

    await db.deleteFrom('team_members').where('team_id', '=', 'temps').execute();
    await db.deleteFrom('teams').where('id', '=', 'temps').execute();
    const avas = await app.engine.store.savedViews.get(avasShared.id);
    assert.deepEqual([avas?.name, avas?.teamId], ['Temps, waiting', null], 'ava’s view is hers alone now');
  });
});
