import { findOffering } from '../catalog/offering.ts';
import { requireSubmittable, resolveOfferingForm } from '../catalog/offering-form.ts';
import { requestVariable } from '../catalog/request-variable.ts';
import type { AuditActor } from '../core/audit-entry.ts';
import { auditJson } from '../core/audit-detail.ts';
import { isEmailAddress } from '../core/email-address.ts';
import { actingActor } from '../identity/audit-actor.ts';
import { InvalidInputError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { checkFieldValues } from '../definition/field-values.ts';
import { insertRun, prepareRun } from '../engine/start-run.ts';
import type { RunRecord } from '../store/records.ts';
import type { RequestRecord } from '../store/request-store.ts';
import type { AppContext } from './app-context.ts';

export interface SubmitRequestInput {
  /** `offering` or `service/offering`. */
  offering: string;
  /** The form's values, by field key. */
  values: Record<string, unknown>;
  /** The requester's email. */
  requester: string;
  /** Who submits, for the audit trail; left out: the requester, unauthenticated. */
  actor?: AuditActor;
}

/**
 * Submits an offering's form. The values are checked on the server first,
 * every bad field reported at once (`form_invalid`, one issue per field, at
 * `values.<key>`), and nothing starts. Then the request (`open`) and its run
 * are created in one transaction. The run is pinned to the version resolved
 * now; the form values are its top-level variables and `request` holds
 * `{id, offering, service, requester, submitted_at}`.
 *
 * @throws ConflictError `offering_not_published`, `workflow_not_active`, ... when the offering takes no requests.
 */
export async function submitRequest(app: AppContext, input: SubmitRequestInput): Promise<{ request: RequestRecord; run: RunRecord }> {
  const { engine } = app;
  const requester = input.requester.trim().toLowerCase();
  if (!isEmailAddress(requester)) {
    throw new InvalidInputError('requester_invalid', `the requester "${input.requester}" is not an email address; give the requester's email`, [], { path: 'requester' });
  }
  const offering = findOffering(await engine.store.listServices(), input.offering);
  const { version, fields } = requireSubmittable(await resolveOfferingForm(engine, offering));
  const checked = checkFieldValues(fields, input.values, 'values');
  if (checked.issues.length > 0) {
    const lines = checked.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
    throw new InvalidInputError('form_invalid', `the form of offering "${offering.id}" has ${checked.issues.length} problem(s); fix them and submit again:\n${lines}`, checked.issues, {
      path: checked.issues[0]?.path ?? 'values',
    });
  }
  const submittedAt = engine.clock.now();
  const requestId = newId('req', submittedAt);
  const prepared = await prepareRun(engine, {
    workflowId: offering.workflowId,
    version,
    input: checked.values,
    trigger: { type: 'form', request: requestId, service: offering.serviceId, offering: offering.id, requester },
    requestId,
  });
  const run = { ...prepared, variables: { ...prepared.variables, request: requestVariable({ id: requestId, offering, requester, submittedAt }) } };
  const request = {
    id: requestId,
    serviceId: offering.serviceId,
    offeringId: offering.id,
    workflowId: offering.workflowId,
    version,
    requester,
    values: checked.values,
    runId: run.id,
    createdAt: submittedAt,
  };
  const audit = {
    actor: input.actor ?? actingActor(undefined, requester),
    action: 'request.submitted',
    target: { type: 'request', id: requestId },
    serviceId: offering.serviceId,
    offeringId: offering.id,
    detail: { run: run.id, workflow: run.workflowId, version, requester, values: auditJson(checked.values) },
    at: submittedAt,
  } as const;
  const inserted = await insertRun(engine, run, ([written = run], firstSteps) => app.requests.create(request, written, { audit, firstSteps }));
  if (inserted.queued) app.wakeWorker();
  // Read after the write: a first step that ended the run has closed the request.
  return { request: await app.requests.require(requestId), run: inserted.run };
}
