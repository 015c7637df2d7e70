import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorBody, RunBody, TitledRunBody } from '../../src/server/response-schemas.ts';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { CatalogServiceBody, OfferingBody, RequestBody } from '../../src/server/catalog-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';

interface Submitted {
  request: RequestBody;
  run: RunBody;
}
interface RequestDetail {
  request: RequestBody;
  run: TitledRunBody;
  pending_approvals: ApprovalTaskBody[];
}

void describe('catalog and requests over HTTP', () => {
  let api: ApiHarness;
  const submit = (offering: string, values: object, requester = 'riley@example.com') =>
    api.post<Submitted & ErrorBody>(`/api/v1/catalog/offerings/${encodeURIComponent(offering)}/requests`, { values, requester });
  const runCount = () => api.t.system.store.countRuns({});

  before(async () => {
    api = await startApi();
    const applied = await api.postYaml('/api/v1/apply', CATALOG_YAML);
    assert.equal(applied.status, 200, applied.text);
  });
  after(() => api.close());

  void it('lists published offerings that take requests, with their form fields; drafts and non-form workflows stay out', async () => {
    const catalog = await api.get<{ services: CatalogServiceBody[] }>('/api/v1/catalog');
    assert.equal(catalog.status, 200);
    assert.equal(catalog.body.services.length, 1);
    const [service] = catalog.body.services;
    assert.equal(service?.title, 'Customer Success');
    assert.deepEqual(service?.offerings.map((offering) => offering.id), ['refund', 'quick-note']);
    const refund = service?.offerings[0];
    assert.equal(refund?.available, true);
    assert.equal(refund?.version, 'latest');
    assert.equal(refund?.resolved_version, 1);
    assert.deepEqual(refund?.form.map((field) => [field.key, field.type, field.required]), [
      ['customerEmail', 'email', true],
      ['chargeId', 'text', true],
      ['refundAmount', 'number', true],
      ['reason', 'select', true],
    ]);
    assert.deepEqual(refund?.form[3]?.options, ['Duplicate charge', 'Goodwill']);

    const draft = await api.get<{ offering: OfferingBody }>('/api/v1/catalog/offerings/beta');
    assert.equal(draft.status, 200);
    assert.equal(draft.body.offering.available, false);
    assert.equal(draft.body.offering.unavailable_reason?.code, 'offering_not_published');
    assert.equal(draft.body.offering.form[0]?.key, 'note', 'a draft offering still shows its form');
    // Apply refuses an offering of a workflow without a form; one whose workflow loses its form later takes no requests.
    const refused = await api.postYaml<ErrorBody>('/api/v1/apply', 'kind: Service\nid: back-office\nofferings: [{ id: manual-thing, workflow: by-hand }]\n');
    assert.equal(refused.status, 400, refused.text);
    assert.deepEqual(refused.body.error.issues?.map((issue) => issue.path), ['Service back-office: offerings[0].workflow']);
    const ping = (trigger: string) => `kind: Workflow\nid: ping\ntrigger: ${trigger}\nsteps:\n  - { id: done, type: end, outcome: Done }\n`;
    const offered = await api.postYaml('/api/v1/apply', `${ping('{ type: form, form: [{ key: note }] }')}---\nkind: Service\nid: back-office\nofferings: [{ id: ping, workflow: ping }]\n`);
    assert.equal(offered.status, 200, offered.text);
    assert.equal((await api.postYaml('/api/v1/apply', ping('{ type: manual }'))).status, 200);
    const manual = await api.get<{ offering: OfferingBody }>('/api/v1/catalog/offerings/back-office%2Fping');
    assert.equal(manual.status, 200, manual.text);
    assert.equal(manual.body.offering.unavailable_reason?.code, 'offering_form_missing');
    assert.deepEqual((await api.get<{ services: CatalogServiceBody[] }>('/api/v1/catalog')).body.services.map((item) => item.id), ['customer-success'], 'it leaves the catalog');
    const missing = await api.get<ErrorBody>('/api/v1/catalog/offerings/refnud');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'offering_not_found');
    assert.match(missing.body.error.message, /did you mean "refund"/);
  });

  void it('reports every bad field of a submission at once and starts nothing', async () => {
    const before = await runCount();
    const answer = await submit('refund', { customerEmail: 'not-an-email', chargeId: 'xx_1', refundAmount: '0', reason: 'Because', colour: 'red' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'form_invalid');
    const paths = (answer.body.error.issues ?? []).map((issue) => issue.path).sort();
    assert.deepEqual(paths, ['values.chargeId', 'values.colour', 'values.customerEmail', 'values.reason', 'values.refundAmount']);
    const reason = answer.body.error.issues?.find((issue) => issue.path === 'values.reason');
    assert.match(reason?.message ?? '', /not one of: Duplicate charge, Goodwill/);
    const required = await submit('refund', {});
    assert.equal(required.status, 400);
    assert.equal(required.body.error.issues?.length, 4, 'every required field is named');
    assert.equal(await runCount(), before, 'no run started');
    const listed = await api.get<{ requests: RequestBody[] }>('/api/v1/requests');
    assert.equal(listed.body.requests.length, 0, 'no request was created');
  });

  void it('a good submission creates the request and its run; values and `request` are variables; it closes with the run', async () => {
    const answer = await submit('customer-success/refund', GOOD_REFUND, 'Riley@Example.com');
    assert.equal(answer.status, 201, answer.text);
    const { request, run } = answer.body;
    assert.equal(request.status, 'open');
    assert.equal(request.requester, 'riley@example.com');
    assert.equal(request.run, run.id);
    assert.equal(request.workflow, 'refund-request');
    assert.equal(request.version, 1);
    assert.equal(run.request, request.id);
    assert.equal(run.trigger.type, 'form');
    assert.equal(run.variables.refundAmount, 25.5, 'form values are top-level variables, converted by type');
    assert.equal(run.variables.customerEmail, 'pat@example.com');
    assert.deepEqual(run.variables.request, { id: request.id, offering: 'refund', service: 'customer-success', requester: 'riley@example.com', submitted_at: request.created_at });

    const parked = await api.t.waitForRun(run.id, { untilStatus: 'waiting' });
    assert.equal(parked.variables.ticket, `${request.id} for pat@example.com`, '`request.id` is usable in expressions');
    assert.equal(parked.variables.submitted_by, 'riley@example.com');

    const detail = await api.get<RequestDetail>(`/api/v1/requests/${request.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.run.status, 'waiting');
    // The run by its workflow's title, as the run list names it, so the request's page needs no workflow list.
    assert.deepEqual([detail.body.run.workflow, detail.body.run.workflow_title, detail.body.run.failed_step_title], ['refund-request', 'Refund request', null]);
    assert.equal(detail.body.pending_approvals.length, 1);
    const [task] = detail.body.pending_approvals;
    assert.equal(task?.title, 'CSM Review');
    assert.equal(task?.request, request.id);

    const decided = await api.post<ErrorBody>(`/api/v1/approvals/${task?.id}/decide`, { decision: 'approved', by: 'cam@example.com' });
    assert.equal(decided.status, 200, decided.text);
    await api.t.waitForRun(run.id);
    const closed = await api.get<RequestDetail>(`/api/v1/requests/${request.id}`);
    assert.equal(closed.body.request.status, 'completed');
    assert.equal(closed.body.request.outcome, 'Refunded');
    assert.equal(typeof closed.body.request.closed_at, 'string');
    assert.equal(closed.body.run.status, 'succeeded');
    assert.deepEqual(closed.body.pending_approvals, []);
  });

  void it('requesters see their own requests; status filters', async () => {
    const mine = await submit('quick-note', { note: 'one' }, 'ann@example.com');
    const theirs = await submit('quick-note', { note: 'two' }, 'bob@example.com');
    assert.equal(mine.status, 201, mine.text);
    assert.equal(theirs.status, 201, theirs.text);
    const own = await api.get<{ requests: RequestBody[]; next_cursor: string | null }>('/api/v1/requests?mine=true&as=ann@example.com');
    assert.equal(own.status, 200);
    assert.deepEqual(own.body.requests.map((request) => request.id), [mine.body.request.id]);
    const noIdentity = await api.get<ErrorBody>('/api/v1/requests?mine=true');
    assert.equal(noIdentity.status, 400);
    assert.equal(noIdentity.body.error.code, 'caller_unknown');

    await api.t.waitForRun(theirs.body.run.id);
    const completed = await api.get<{ requests: RequestBody[] }>('/api/v1/requests?status=completed&requester=bob@example.com');
    assert.deepEqual(completed.body.requests.map((request) => request.id), [theirs.body.request.id]);
    const paged = await api.get<{ requests: RequestBody[]; next_cursor: string | null }>('/api/v1/requests?limit=1');
    assert.equal(paged.body.requests.length, 1);
    assert.equal(typeof paged.body.next_cursor, 'string');
    const next = await api.get<{ requests: RequestBody[] }>(`/api/v1/requests?limit=1&cursor=${paged.body.next_cursor}`);
    assert.notEqual(next.body.requests[0]?.id, paged.body.requests[0]?.id);
  });

  void it('a requester or `as` that is not an email address is refused at the parameter; case and spaces around one do not matter', async () => {
    const bobs = await submit('quick-note', { note: 'four' }, 'bob@example.com');
    assert.equal(bobs.status, 201, bobs.text);
    const refusals: [query: string, path: string][] = [
      ['requester=riley', 'query.requester'],
      ['requester=riley%20example.com', 'query.requester'],
      ['requester=a@b@c', 'query.requester'],
      ['mine=true&as=riley@', 'query.as'],
    ];
    for (const [query, path] of refusals) {
      const answer = await api.get<ErrorBody>(`/api/v1/requests?${query}`);
      assert.equal(answer.status, 400, `${query}: ${answer.text}`);
      assert.equal(answer.body.error.code, 'request_invalid', query);
      assert.equal(answer.body.error.path, path, query);
      assert.match(answer.body.error.message, new RegExp(`${path.replace('.', '\\.')}: not an email address; give an email address, e\\.g\\. ops@example\\.com or admin@localhost`), query);
    }
    const spaced = await api.get<{ requests: RequestBody[] }>('/api/v1/requests?limit=200&requester=%20Bob@Example.com%20');
    assert.equal(spaced.status, 200, spaced.text);
    assert.ok(spaced.body.requests.some((request) => request.id === bobs.body.request.id));
    assert.ok(spaced.body.requests.every((request) => request.requester === 'bob@example.com'));
  });

  void it('filters by service and offering, with status and requester', async () => {
    const refund = await submit('refund', GOOD_REFUND, 'ann@example.com');
    const note = await submit('quick-note', { note: 'three' }, 'ann@example.com');
    assert.equal(refund.status, 201, refund.text);
    assert.equal(note.status, 201, note.text);
    await api.t.waitForRun(note.body.run.id);
    const list = async (query: string) => {
      const answer = await api.get<{ requests: RequestBody[] }>(`/api/v1/requests?limit=200&${query}`);
      assert.equal(answer.status, 200, answer.text);
      return answer.body.requests;
    };
    const all = await list('');
    const notes = await list('offering=quick-note');
    assert.ok(notes.some((request) => request.id === note.body.request.id));
    assert.deepEqual(notes.map((request) => request.id), all.filter((request) => request.offering === 'quick-note').map((request) => request.id), 'every quick note, and nothing else');
    assert.ok(notes.length < all.length, 'the list holds other offerings, else the filter proves nothing');
    assert.deepEqual((await list('service=customer-success')).map((request) => request.id), all.map((request) => request.id), 'every offering of the service');
    assert.deepEqual(await list('service=billing'), [], 'none of another service');
    assert.deepEqual(await list('service=billing&offering=quick-note'), [], 'the offering of that service only');
    const annsOpenRefunds = await list('service=customer-success&offering=refund&status=open&requester=ann@example.com');
    assert.deepEqual(annsOpenRefunds.map((request) => request.id), [refund.body.request.id]);
    const tooLong = await api.get<ErrorBody>(`/api/v1/requests?offering=${'x'.repeat(201)}`);
    assert.equal(tooLong.status, 400);
  });

  void it('a pinned offering keeps its version; unpublishing an offering does not break a request under way', async () => {
    const open = await submit('refund', GOOD_REFUND);
    assert.equal(open.status, 201, open.text);
    await api.t.waitForRun(open.body.run.id, { untilStatus: 'waiting' });

    // quick gets a version 2 and the refund offering is withdrawn.
    const changed = CATALOG_YAML.replace('echoed: "v1', 'echoed: "v2').replace('  - { id: refund, title: Refund Request, description: Refund a charge, workflow: refund-request }\n', '');
    const applied = await api.postYaml('/api/v1/apply', changed);
    assert.equal(applied.status, 200, applied.text);
    const pinned = await submit('quick-note', { note: 'pinned' });
    assert.equal(pinned.status, 201, pinned.text);
    assert.equal(pinned.body.run.version, 1);
    assert.match(String((await api.t.waitForRun(pinned.body.run.id)).variables.echoed), /^v1 pinned/);
    const gone = await submit('refund', GOOD_REFUND);
    assert.equal(gone.status, 404);

    const detail = await api.get<RequestDetail>(`/api/v1/requests/${open.body.request.id}`);
    assert.equal(detail.status, 200);
    const task = detail.body.pending_approvals[0];
    const decided = await api.post<ErrorBody>(`/api/v1/approvals/${task?.id}/decide`, { decision: 'rejected', comment: 'duplicate', by: 'cam@example.com' });
    assert.equal(decided.status, 200, decided.text);
    await api.t.waitForRun(open.body.run.id);
    const closed = await api.get<RequestDetail>(`/api/v1/requests/${open.body.request.id}`);
    assert.equal(closed.body.request.status, 'rejected', 'the approval said no and the run ended so');
    assert.equal(closed.body.request.outcome, 'Denied');
    await api.postYaml('/api/v1/apply', CATALOG_YAML);
  });

  void it('refuses a draft offering, an inactive workflow and a submission without a requester; cancels an open request once', async () => {
    const before = await runCount();
    const draft = await submit('beta', { note: 'x' });
    assert.equal(draft.status, 409);
    assert.equal(draft.body.error.code, 'offering_not_published');
    const deactivated = await api.post('/api/v1/workflows/quick/deactivate');
    assert.equal(deactivated.status, 200);
    const inactive = await submit('quick-note', { note: 'x' });
    assert.equal(inactive.status, 409);
    assert.equal(inactive.body.error.code, 'workflow_not_active');
    assert.equal((await api.post('/api/v1/workflows/quick/activate')).status, 200);
    const anonymous = await api.post<ErrorBody>('/api/v1/catalog/offerings/quick-note/requests', { values: { note: 'x' } });
    assert.equal(anonymous.status, 400);
    assert.equal(anonymous.body.error.code, 'caller_unknown');
    assert.equal(await runCount(), before);

    const open = await submit('refund', GOOD_REFUND);
    await api.t.waitForRun(open.body.run.id, { untilStatus: 'waiting' });
    const cancelled = await api.post<RequestDetail>(`/api/v1/requests/${open.body.request.id}/cancel`);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.body.request.status, 'cancelled');
    assert.equal(cancelled.body.run.status, 'cancelled');
    assert.deepEqual(cancelled.body.pending_approvals, []);
    const again = await api.post<ErrorBody>(`/api/v1/requests/${open.body.request.id}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'request_closed');
  });
});
