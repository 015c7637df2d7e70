/**
 * An offering's form: the fields of its workflow's `form` trigger, at the
 * version a request submitted now would run (the pinned one, or the active
 * one for `latest`), and whether a request can be submitted at all.
 */
import type { ErrorCode } from '../core/error-codes.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import type { Field, WorkflowDocument } from '../definition/schema.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { OfferingStatus, type Offering } from './offering.ts';

export interface OfferingForm {
  offering: Offering;
  /** The version a request submitted now runs; null when there is none. */
  version: number | null;
  /** The form's fields; from the draft when no version can be resolved, so a draft offering can be previewed. */
  fields: Field[];
  /** Why no request can be submitted now (a stable code and what to do); null when one can. */
  unavailable: { code: ErrorCode; message: string } | null;
}

/** Resolves the offering's workflow, version and form fields. Never throws for an unavailable offering: see `unavailable`. */
export async function resolveOfferingForm(engine: EngineContext, offering: Offering): Promise<OfferingForm> {
  const name = `offering "${offering.serviceId}/${offering.id}"`;
  const workflow = await engine.store.getWorkflow(offering.workflowId);
  if (!workflow) {
    return { offering, version: null, fields: [], unavailable: { code: 'workflow_not_found', message: `${name} runs workflow "${offering.workflowId}", which does not exist; apply it` } };
  }
  const version = offering.version === 'latest' ? workflow.activeVersion : offering.version;
  let definition: WorkflowDocument | null = null;
  if (version !== null) {
    try {
      definition = await engine.definitions.get(workflow.id, version);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const fields = formFields(definition ?? workflow.draft);
  const unavailable = ((): OfferingForm['unavailable'] => {
    if (offering.status === OfferingStatus.draft) return { code: 'offering_not_published', message: `${name} is a draft; publish it (status: published in its Service document) before submitting requests` };
    if (workflow.status !== WorkflowStatus.active) return { code: 'workflow_not_active', message: `${name} runs workflow "${workflow.id}", which is ${workflow.status}; activate it to take requests` };
    if (version === null) return { code: 'workflow_not_active', message: `${name} runs the latest version of workflow "${workflow.id}", which has no active version; publish and activate it` };
    if (definition === null) return { code: 'version_not_found', message: `${name} is pinned to version ${version} of workflow "${workflow.id}", which does not exist; pin a published version or use latest` };
    if (definition.trigger.type !== 'form') {
      return { code: 'offering_form_missing', message: `${name} runs workflow "${workflow.id}" v${version}, whose trigger is ${definition.trigger.type}; an offering needs a workflow with a form trigger` };
    }
    return null;
  })();
  return { offering, version: unavailable === null ? version : null, fields, unavailable };
}

/**
 * The version and fields to submit to.
 * @throws ConflictError with the `unavailable` code when no request can be submitted now.
 */
export function requireSubmittable(form: OfferingForm): { version: number; fields: Field[] } {
  if (form.unavailable !== null || form.version === null) {
    const reason = form.unavailable ?? { code: 'offering_unavailable', message: 'the offering takes no requests now' };
    throw new ConflictError(reason.code, reason.message, { path: 'offering' });
  }
  return { version: form.version, fields: form.fields };
}

function formFields(definition: WorkflowDocument | null): Field[] {
  return definition?.trigger.type === 'form' ? definition.trigger.form : [];
}
