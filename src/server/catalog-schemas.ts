/** Request and response schemas of the catalog and request routes. */
import { z } from 'zod';
import { DEFAULT_REQUEST_PAGE, MAX_REQUEST_PAGE } from '../application/request-page.ts';
import { REQUEST_STATUSES } from '../core/statuses.ts';
import { approvalTaskSchema } from './approval-schemas.ts';
import { formFieldSchema, runSchema, titledRunSchema } from './response-schemas.ts';
import { emailAddress, isoTime } from './request-schemas.ts';

const time = z.iso.datetime();
/** Checked as an email address by submitRequest, which answers `requester_invalid`. */
const submitter = z.string().min(3).max(320);

export const offeringParams = z.strictObject({
  id: z.string().min(1).max(401).meta({ description: 'An offering id, or `service/offering` (URL-encoded) when several services use the id' }),
});
export const requestParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A request id, e.g. `req_0abc...`' }) });

export const submitRequestBody = z
  .strictObject({
    values: z.record(z.string(), z.unknown()).default({}).meta({ description: "The form's values by field key; strings are converted by field type" }),
    requester: submitter.optional().meta({ description: 'Who submits (an email) while authentication is off; with authentication required the caller submits as themself, and naming someone else is 403 `caller_mismatch`' }),
  })
  .meta({ description: "An offering's filled-in form" });

export const requestListQuery = z.strictObject({
  mine: z.stringbool().optional().meta({ description: "Only the caller's own requests (requesters only ever see their own)" }),
  as: emailAddress.optional().meta({ description: 'Who "mine" means while authentication is off (an email); with authentication required it is always the caller' }),
  requester: emailAddress.optional().meta({ description: "Only this requester's requests" }),
  status: z.enum(REQUEST_STATUSES).optional().meta({ description: 'Only requests in this status' }),
  service: z.string().min(1).max(200).optional().meta({ description: 'Only requests for an offering of this service (its id)' }),
  offering: z.string().min(1).max(200).optional().meta({ description: 'Only requests for the offering with this id; with `service`, that service\'s offering' }),
  created_after: isoTime.optional().meta({ description: 'Only requests submitted at or after this ISO 8601 time' }),
  created_before: isoTime.optional().meta({ description: 'Only requests submitted before this ISO 8601 time (after `created_after`)' }),
  limit: z.coerce.number().int().min(1).max(MAX_REQUEST_PAGE).default(DEFAULT_REQUEST_PAGE).meta({ description: `Requests per page, 1 to ${MAX_REQUEST_PAGE}` }),
  cursor: z.string().min(1).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

export const offeringSchema = z.object({
  id: z.string(),
  service: z.string(),
  service_title: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  workflow: z.string(),
  version: z.union([z.number().int(), z.literal('latest')]).meta({ description: 'The pinned workflow version, or `latest` (the active one when a request is submitted)' }),
  resolved_version: z.number().int().nullable().meta({ description: 'The version a request submitted now runs; null when none can be submitted' }),
  status: z.enum(['draft', 'published']),
  available: z.boolean().meta({ description: 'Whether a request can be submitted now' }),
  unavailable_reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  form: z.array(formFieldSchema).meta({ description: "The fields of the workflow's form trigger" }),
});

export const catalogServiceSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  offerings: z.array(offeringSchema),
});

export const requestSchema = z.object({
  id: z.string(),
  service: z.string(),
  offering: z.string(),
  workflow: z.string(),
  version: z.number().int().meta({ description: 'The workflow version the request runs, pinned when it was submitted' }),
  requester: z.string(),
  status: z.enum(REQUEST_STATUSES),
  outcome: z.string().nullable().meta({ description: "The run's outcome once it ended, e.g. `Refunded`" }),
  values: z.record(z.string(), z.unknown()),
  run: z.string(),
  created_at: time,
  updated_at: time,
  closed_at: time.nullable(),
});

export const catalogResponseSchema = z.object({ services: z.array(catalogServiceSchema).meta({ description: 'Services with at least one offering that takes requests now' }) });
export const offeringResponseSchema = z.object({ offering: offeringSchema });
export const submitRequestResponseSchema = z.object({ request: requestSchema, run: runSchema });
export const requestListResponseSchema = z.object({
  requests: z.array(requestSchema).meta({ description: 'Newest first' }),
  next_cursor: z.string().nullable(),
});
export const requestDetailResponseSchema = z.object({
  request: requestSchema,
  run: titledRunSchema,
  pending_approvals: z.array(approvalTaskSchema).meta({ description: "Approval tasks of the request's run waiting for a decision" }),
  offering_title: z.string().nullable().meta({ description: "The offering's title now; null when its service no longer has the offering (removed since: the request goes on to its end all the same)" }),
  form: z.array(formFieldSchema).meta({ description: 'The fields of the form the request was submitted with (the form trigger of the workflow version it runs), to name its values' }),
});

export type OfferingBody = z.output<typeof offeringSchema>;
export type CatalogServiceBody = z.output<typeof catalogServiceSchema>;
export type RequestBody = z.output<typeof requestSchema>;
