import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RequestBody } from '../../src/server/catalog-schemas.ts';
import type { ErrorBody, RunBody, StepAttemptBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

type RunList = { runs: RunBody[]; next_cursor: string | null };
type RunDetail = { run: RunBody; steps: StepAttemptBody[] } & ErrorBody;

void describe("the runs of catalog requests are read by their requester, their assigned approvers and roles that read all runs", () => {
  let api: ApiHarness;
  const keys: Record<string, string> = {};
  const get = <T>(who: string, url: string) => api.call<T>({ method: 'GET', url, headers: bearer(keys[who] ?? '') });
  const runs: Record<string, string> = {};

  before(async () => {
    api = await startApi({ auth: 'required' });
    const { app } = api.t.system;
    keys.admin = (await userWithKey(app, 'admin@example.com', ['admin'])).key;
    const applied = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(keys.admin), 'content-type': 'application/yaml' }, payload: CATALOG_YAML });
    assert.equal(applied.status, 200, applied.text);
    keys.rae = (await userWithKey(app, 'rae@example.com', ['requester'])).key;
    keys.ann = (await userWithKey(app, 'ann@example.com', ['requester'])).key;
    // cam is in the csm team, so assigned to the refund approvals, but holds only the requester role.
    keys.cam = (await userWithKey(app, 'cam@example.com', ['requester'])).key;
    keys.vic = (await userWithKey(app, 'vic@example.com', ['viewer'])).key;

    const submit = async (who: string, offering: string, values: object): Promise<string> => {
      const response = await api.call<{ request: RequestBody; run: RunBody }>({
        method: 'POST',
        url: `/api/v1/catalog/offerings/${offering}/requests`,
        headers: bearer(keys[who] ?? ''),
        payload: { values },
      });
      assert.equal(response.status, 201, response.text);
      return response.body.run.id;
    };
    // Oldest first: rae's request, a run without a request, then several of ann's, newest.
    runs.raes = await submit('rae', 'refund', { ...GOOD_REFUND, customerEmail: 'rae-customer@example.com' });
    const manual = await api.call<{ run: RunBody }>({ method: 'POST', url: '/api/v1/workflows/by-hand/runs', headers: bearer(keys.admin), payload: {} });
    assert.equal(manual.status, 202, manual.text);
    runs.manual = manual.body.run.id;
    runs.annsQuick = await submit('ann', 'quick-note', { note: 'ann secret note' });
    runs.annsRefund = await submit('ann', 'refund', { ...GOOD_REFUND, customerEmail: 'ann-customer@example.com' });
    for (const id of [runs.raes, runs.annsRefund]) await api.t.waitForRun(id ?? '', { untilStatus: 'waiting' });
    await api.t.waitForRun(runs.annsQuick ?? '', { untilStatus: 'succeeded' });
  });
  after(() => api.close());

  void it("a requester's list holds their own runs and runs without a request, filtered in the query", async () => {
    const listed = await get<RunList>('rae', '/api/v1/runs');
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.runs.map((run) => run.id), [runs.manual, runs.raes]);
    assert.ok(!listed.text.includes('ann-customer@example.com') && !listed.text.includes('ann secret note'), "no trace of ann's form values");

    // The newest runs are ann's: each page still holds a run rae may read, not a hidden row.
    const page = await get<RunList>('rae', '/api/v1/runs?limit=1');
    assert.deepEqual(page.body.runs.map((run) => run.id), [runs.manual]);
    assert.ok(page.body.next_cursor !== null);
    const next = await get<RunList>('rae', `/api/v1/runs?limit=1&cursor=${page.body.next_cursor ?? ''}`);
    assert.deepEqual(next.body.runs.map((run) => run.id), [runs.raes]);
    assert.equal(next.body.next_cursor, null);
  });

  void it("a requester is refused another requester's run as /requests/:id refuses the request", async () => {
    const own = await get<RunDetail>('rae', `/api/v1/runs/${runs.raes ?? ''}`);
    assert.equal(own.status, 200, own.text);
    assert.ok(own.body.steps.length > 0);
    for (const id of [runs.annsQuick, runs.annsRefund]) {
      const refused = await get<RunDetail>('rae', `/api/v1/runs/${id ?? ''}`);
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.body.error.code, 'not_your_run');
      assert.ok(!refused.text.includes('ann'), 'the refusal shows nothing of the run');
    }
    assert.equal((await get<RunDetail>('rae', `/api/v1/runs/${runs.manual ?? ''}`)).status, 200, 'a run without a request follows the role rules');
    assert.equal((await get<RunDetail>('rae', '/api/v1/runs/run_missing')).status, 404);
  });

  void it('an assigned approver reads the runs of their approval tasks, and no other request runs', async () => {
    const listed = await get<RunList>('cam', '/api/v1/runs');
    assert.deepEqual(listed.body.runs.map((run) => run.id), [runs.annsRefund, runs.manual, runs.raes]);
    assert.equal((await get<RunDetail>('cam', `/api/v1/runs/${runs.annsRefund ?? ''}`)).status, 200);
    assert.equal((await get<RunDetail>('cam', `/api/v1/runs/${runs.annsQuick ?? ''}`)).status, 403, 'no approval of that run is assigned to cam');
  });

  void it('roles that read all runs see every run', async () => {
    for (const who of ['vic', 'admin']) {
      const listed = await get<RunList>(who, '/api/v1/runs');
      assert.deepEqual(listed.body.runs.map((run) => run.id), [runs.annsRefund, runs.annsQuick, runs.manual, runs.raes], who);
      assert.equal((await get<RunDetail>(who, `/api/v1/runs/${runs.annsQuick ?? ''}`)).status, 200, who);
    }
  });
});
