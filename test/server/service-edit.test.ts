import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApprovalTaskBody } from '../../src/server/approval-schemas.ts';
import type { CatalogServiceBody, RequestBody } from '../../src/server/catalog-schemas.ts';
import type { ErrorBody, RunBody } from '../../src/server/response-schemas.ts';
import { startApi, type ApiHarness } from './api-harness.ts';
import { CATALOG_YAML, GOOD_REFUND } from './catalog-fixture.ts';
import { bearer, userWithKey } from './identity-fixtures.ts';

interface ServiceAnswer extends ErrorBody {
  service: CatalogServiceBody;
  result: { kind: string; id: string; action: string };
  services: CatalogServiceBody[];
  documents: { kind: string; id: string }[];
}
interface Submitted extends ErrorBody {
  request: RequestBody;
  run: RunBody;
}
interface RequestDetail extends Submitted {
  pending_approvals: ApprovalTaskBody[];
  offering_title: string | null;
  form: { key: string; label: string }[];
}

const GOODWILL = { id: 'goodwill-credit', title: 'Goodwill credit', description: 'Refund part of a charge as goodwill', workflow: 'refund-request' };
const BILLING = { id: 'billing-ops', title: 'Billing operations', description: 'Money matters for the billing team', offerings: [GOODWILL] };

void describe('catalog services changed over the API (each an apply of the Service document)', () => {
  let api: ApiHarness;
  const keys: Record<string, string> = {};
  const call = <T = ServiceAnswer>(who: string, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    api.call<T>({ method, url, headers: { ...bearer(keys[who] ?? ''), ...headers }, ...(payload === undefined ? {} : { payload }) });
  const catalogIds = async () => (await call('viewer', 'GET', '/api/v1/catalog')).body.services.map((service) => [service.id, service.offerings.map((offering) => offering.id)]);
  const stored = async (id: string) => (await api.t.system.store.listServices()).find((service) => service.id === id);

  before(async () => {
    api = await startApi({ auth: 'required' });
    const { app } = api.t.system;
    keys.admin = (await userWithKey(app, 'admin@example.com', ['admin'])).key;
    const fixture = await api.call({ method: 'POST', url: '/api/v1/apply', headers: { ...bearer(keys.admin), 'content-type': 'application/yaml' }, payload: CATALOG_YAML });
    assert.equal(fixture.status, 200, fixture.text);
    keys.editor = (await userWithKey(app, 'editor@example.com', ['editor'])).key;
    keys.viewer = (await userWithKey(app, 'viewer@example.com', ['viewer'])).key;
    keys.requester = (await userWithKey(app, 'rae@example.com', ['requester'])).key;
    keys.approver = (await userWithKey(app, 'casey@example.com', ['approver'])).key;
  });
  after(() => api.close());

  void it('an editor makes a service and adds, changes, moves and removes offerings: each an apply the audit trail records and export shows', async () => {
    const created = await call('editor', 'POST', '/api/v1/services', BILLING);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.result.action, 'created');
    assert.equal(created.body.service.title, 'Billing operations');
    assert.deepEqual(
      created.body.service.offerings.map((offering) => [offering.id, offering.title, offering.workflow, offering.version, offering.status, offering.available, offering.resolved_version]),
      [['goodwill-credit', 'Goodwill credit', 'refund-request', 'latest', 'published', true, 1]],
    );
    assert.deepEqual(await catalogIds(), [
      ['billing-ops', ['goodwill-credit']],
      ['customer-success', ['refund', 'quick-note']],
    ]);

    // One call: retitle the service, drop its description, add an offering before the first and change that one.
    const note = { id: 'quick-note', title: 'Quick note', workflow: 'quick', version: 1 };
    const changed = await call('editor', 'POST', '/api/v1/services/billing-ops', { title: 'Billing ops', description: null, offerings: [note, { ...GOODWILL, title: 'Goodwill credit (CSM)' }] });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.result.action, 'updated');
    assert.equal(changed.body.service.title, 'Billing ops');
    assert.equal(changed.body.service.description, null);
    assert.deepEqual(changed.body.service.offerings.map((offering) => [offering.id, offering.title, offering.version]), [
      ['quick-note', 'Quick note', 1],
      ['goodwill-credit', 'Goodwill credit (CSM)', 'latest'],
    ]);
    const again = await call('editor', 'POST', '/api/v1/services/billing-ops', { offerings: [note, { ...GOODWILL, title: 'Goodwill credit (CSM)' }] });
    assert.equal(again.body.result.action, 'unchanged');

    // A draft offering is kept out of the catalog, listed for editors, and stays a draft when the title alone changes.
    const drafted = await call('editor', 'POST', '/api/v1/services/billing-ops', { offerings: [{ ...note, status: 'draft' }, { ...GOODWILL, title: 'Goodwill credit (CSM)' }] });
    assert.equal(drafted.status, 200, drafted.text);
    assert.deepEqual(await catalogIds(), [
      ['billing-ops', ['goodwill-credit']],
      ['customer-success', ['refund', 'quick-note']],
    ]);
    assert.equal((await call('editor', 'POST', '/api/v1/services/billing-ops', { title: 'Billing operations' })).status, 200);
    const listed = await call('viewer', 'GET', '/api/v1/services');
    assert.equal(listed.status, 200, listed.text);
    const billing = listed.body.services.find((service) => service.id === 'billing-ops');
    assert.deepEqual(billing?.offerings.map((offering) => [offering.id, offering.status, offering.available, offering.unavailable_reason?.code ?? null]), [
      ['quick-note', 'draft', false, 'offering_not_published'],
      ['goodwill-credit', 'published', true, null],
    ]);

    // Removing an offering is the list without it.
    const removed = await call('editor', 'POST', '/api/v1/services/billing-ops', { offerings: [{ ...GOODWILL, title: 'Goodwill credit (CSM)' }] });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body.service.offerings.map((offering) => offering.id), ['goodwill-credit']);

    const exported = await call('viewer', 'GET', '/api/v1/export');
    assert.deepEqual(
      exported.body.documents.find((document) => document.kind === 'Service' && document.id === 'billing-ops'),
      {
        kind: 'Service',
        id: 'billing-ops',
        title: 'Billing operations',
        offerings: [{ id: 'goodwill-credit', title: 'Goodwill credit (CSM)', description: 'Refund part of a charge as goodwill', workflow: 'refund-request', version: 'latest', status: 'published' }],
      },
    );

    const entries = (await api.t.system.store.audit.entriesAfter(0, 1000)).filter((entry) => entry.target.type === 'service' && entry.target.id === 'billing-ops');
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.detail.change, entry.actor.id]),
      [
        ['definition.applied', 'created', 'editor@example.com'],
        ['definition.applied', 'updated', 'editor@example.com'],
        ['definition.applied', 'updated', 'editor@example.com'],
        ['definition.applied', 'updated', 'editor@example.com'],
        ['definition.applied', 'updated', 'editor@example.com'],
      ],
      'one entry per change; the unchanged apply wrote none',
    );
    assert.equal(entries[0]?.detail.before, null);
    entries.slice(1).forEach((entry, index) => assert.deepEqual(entry.detail.before, entries[index]?.detail.after, 'each change starts where the one before ended'));
    const last = entries.at(-1)?.detail.after as { title: string; offerings: { id: string; workflow: string }[] } | undefined;
    assert.equal(last?.title, 'Billing operations', 'the trail holds the service itself, not a digest');
    assert.deepEqual(last?.offerings.map((offering) => [offering.id, offering.workflow]), [['goodwill-credit', 'refund-request']]);
  });

  void it('refuses at the field: an id in use (409), an offering whose workflow has no form or no such version (400), and nothing is applied', async () => {
    const taken = await call('editor', 'POST', '/api/v1/services', { ...BILLING, id: 'customer-success' });
    assert.equal(taken.status, 409, taken.text);
    assert.equal(taken.body.error.code, 'service_exists');
    assert.equal(taken.body.error.path, 'body.id');
    assert.equal((await stored('customer-success'))?.title, 'Customer Success', 'the service is left as it was');

    const manual = await call('editor', 'POST', '/api/v1/services', { ...BILLING, id: 'back-office', offerings: [GOODWILL, { id: 'by-hand', workflow: 'by-hand' }] });
    assert.equal(manual.status, 400, manual.text);
    assert.equal(manual.body.error.code, 'service_invalid');
    assert.deepEqual(manual.body.error.issues?.map((issue) => [issue.path, issue.message]), [
      ['body.offerings[1].workflow', 'workflow "by-hand" starts by a manual trigger, so it has no form to offer; pick a workflow with a form trigger, or give "by-hand" one'],
    ]);
    assert.equal(manual.body.error.path, 'body.offerings[1].workflow');
    assert.equal(await stored('back-office'), undefined, 'nothing was applied');

    const problems = await call('editor', 'POST', '/api/v1/services/customer-success', {
      offerings: [
        { id: 'refund', workflow: 'refund-requst' },
        { id: 'note', workflow: 'quick', version: 9 },
        { id: 'refund', workflow: 'quick' },
      ],
    });
    assert.equal(problems.status, 400, problems.text);
    assert.equal(problems.body.error.code, 'service_invalid');
    assert.deepEqual(problems.body.error.issues?.map((issue) => [issue.path, issue.message]), [
      ['body.offerings[0].workflow', 'no workflow "refund-requst" (did you mean "refund-request"?); define a Workflow document with this id, or apply it first'],
      ['body.offerings[1].version', 'workflow "quick" has no version 9 (it has only version 1); pin a published version, or use latest'],
      ['body.offerings[2].id', 'offering id "refund" is already used by offerings[0]; give each offering its own id'],
    ]);
    assert.deepEqual((await stored('customer-success'))?.offerings.map((offering) => (offering as { id: string }).id), ['refund', 'quick-note', 'beta']);

    const badId = await call('editor', 'POST', '/api/v1/services', { ...BILLING, id: 'back-office', offerings: [{ ...GOODWILL, id: 'Goodwill credit!' }] });
    assert.equal(badId.status, 400);
    assert.equal(badId.body.error.code, 'request_invalid');
    assert.equal(badId.body.error.issues?.[0]?.path, 'body.offerings[0].id');
    const noTitle = await call('editor', 'POST', '/api/v1/services', { ...BILLING, id: 'back-office', title: ' ' });
    assert.equal(noTitle.body.error.path, 'body.title');
    const nothing = await call('editor', 'POST', '/api/v1/services/customer-success', {});
    assert.equal(nothing.status, 400);
    const unknown = await call('editor', 'POST', '/api/v1/services/custmer-success', { title: 'Nope' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'service_not_found');
    assert.match(unknown.body.error.message, /did you mean "customer-success"/);
  });

  void it('a viewer, requester or approver may list services but not change them; a repeated key replays the first answer', async () => {
    for (const who of ['viewer', 'requester', 'approver']) {
      const create = await call(who, 'POST', '/api/v1/services', { ...BILLING, id: `by-${who}` });
      assert.equal(create.status, 403, create.text);
      const change = await call(who, 'POST', '/api/v1/services/customer-success', { title: 'Renamed' });
      assert.equal(change.status, 403);
      assert.equal((await call(who, 'GET', '/api/v1/services')).status, 200);
    }
    assert.equal((await stored('customer-success'))?.title, 'Customer Success');
    assert.equal(await stored('by-viewer'), undefined);

    const body = { ...BILLING, id: 'payouts', title: 'Payouts', offerings: [] };
    const first = await call('admin', 'POST', '/api/v1/services', body, { 'idempotency-key': 'service-payouts-1' });
    assert.equal(first.status, 201, first.text);
    assert.deepEqual(first.body.service.offerings, [], 'a service may start empty');
    const replay = await call('admin', 'POST', '/api/v1/services', body, { 'idempotency-key': 'service-payouts-1' });
    assert.equal(replay.status, 201);
    assert.equal(replay.text, first.text, 'the first answer again, not a 409');
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const reused = await call('admin', 'POST', '/api/v1/services', { ...body, id: 'payouts-2' }, { 'idempotency-key': 'service-payouts-1' });
    assert.equal(reused.status, 422);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
    assert.ok((await call('viewer', 'GET', '/api/v1/services')).body.services.some((service) => service.id === 'payouts' && service.offerings.length === 0), 'listed for editors while it has no offering');
    assert.ok(!(await catalogIds()).some(([id]) => id === 'payouts'), 'and out of the portal');
  });

  void it('an offering removed while a request of it is open leaves the catalog; the request goes on to its end', async () => {
    const created = await call('admin', 'POST', '/api/v1/services', { ...BILLING, id: 'refunds-desk', title: 'Refunds desk' });
    assert.equal(created.status, 201, created.text);
    const submit = () => call<Submitted>('requester', 'POST', '/api/v1/catalog/offerings/refunds-desk%2Fgoodwill-credit/requests', { values: GOOD_REFUND });
    const open = await submit();
    assert.equal(open.status, 201, open.text);
    await api.t.waitForRun(open.body.run.id, { untilStatus: 'waiting' });
    const before = await call<RequestDetail>('requester', 'GET', `/api/v1/requests/${open.body.request.id}`);
    assert.equal(before.body.offering_title, 'Goodwill credit');

    const removed = await call('admin', 'POST', '/api/v1/services/refunds-desk', { offerings: [] });
    assert.equal(removed.status, 200, removed.text);
    assert.ok(!(await catalogIds()).some(([id]) => id === 'refunds-desk'), 'the portal no longer shows it');
    const gone = await submit();
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error.code, 'offering_not_found');

    const detail = await call<RequestDetail>('requester', 'GET', `/api/v1/requests/${open.body.request.id}`);
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.body.request.status, 'open');
    assert.equal(detail.body.request.offering, 'goodwill-credit');
    assert.equal(detail.body.offering_title, null, 'the offering is gone from its service');
    assert.deepEqual(detail.body.form.map((field) => [field.key, field.label]), [
      ['customerEmail', 'Customer Email'],
      ['chargeId', 'Charge ID'],
      ['refundAmount', 'Refund Amount'],
      ['reason', 'Reason'],
    ], 'the form it was submitted with still names its values');
    const [task] = detail.body.pending_approvals;
    const decided = await call('approver', 'POST', `/api/v1/approvals/${task?.id}/decide`, { decision: 'approved' });
    assert.equal(decided.status, 200, decided.text);
    await api.t.waitForRun(open.body.run.id);
    const closed = await call<RequestDetail>('requester', 'GET', `/api/v1/requests/${open.body.request.id}`);
    assert.equal(closed.body.request.status, 'completed');
    assert.equal(closed.body.request.outcome, 'Refunded');
    const mine = await call<{ requests: RequestBody[] }>('requester', 'GET', '/api/v1/requests?service=refunds-desk');
    assert.deepEqual(mine.body.requests.map((request) => [request.id, request.status]), [[open.body.request.id, 'completed']], 'it stays in the requester’s list');
  });
});
