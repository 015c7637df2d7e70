/**
 * The zod schemas of every request part (path parameters, query strings,
 * bodies). Routes validate with them and the OpenAPI document is generated
 * from them, so the two cannot drift apart.
 */
import { z } from 'zod';
import { DEFAULT_RUN_PAGE, MAX_RUN_PAGE } from '../application/list-runs.ts';
import { EMAIL_ADDRESS, EMAIL_ADDRESS_HINT } from '../core/email-address.ts';
import { STRIPE_OBJECT_ID } from '../core/stripe-object-id.ts';
import { RunStatus } from '../core/statuses.ts';
import { identityRequestComponents } from './identity-schemas.ts';

const slug = z.string().min(1).max(200).meta({ description: 'A workflow id (slug), e.g. `customer-refund`' });
/** A Stripe object id to filter by: `pi_3Nx...`, `ch_...`, `cus_...`. */
export const stripeObjectId = z.string().regex(STRIPE_OBJECT_ID, 'a Stripe object id such as pi_3Nx..., ch_... or cus_... (letters, digits and "_")');
/** A person's email address in a query string or a body (`ops@example.com`, `admin@localhost`), spaces around it ignored. */
export const emailAddress = z.string().trim().max(320).regex(EMAIL_ADDRESS, `not an email address; ${EMAIL_ADDRESS_HINT}`);
/** An ISO 8601 time in a query string, with `Z` or an offset (`2026-03-01T10:00:00+01:00`), read as the instant it names. */
export const isoTime = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const workflowParams = z.strictObject({ id: slug });
export const versionParams = z.strictObject({
  id: slug,
  version: z.coerce.number().int().min(1).meta({ description: 'A published version number, from 1' }),
});
export const runParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A run id, e.g. `run_0abc...`' }) });

export const applyQuery = z.strictObject({
  draft: z.stringbool().optional().meta({ description: 'Save workflows as drafts only; publish nothing' }),
  annotation: z.string().max(500).optional().meta({ description: 'The annotation of the versions this apply publishes' }),
});

export const exportQuery = z.strictObject({
  format: z.enum(['json', 'yaml']).default('json').meta({ description: '`yaml` returns one YAML file with `---` between documents' }),
});

export const runListQuery = z.strictObject({
  workflow: slug.optional().meta({ description: 'Only runs of this workflow' }),
  status: z.enum(RunStatus).optional().meta({ description: 'Only runs in this status' }),
  created_after: isoTime.optional().meta({ description: 'Only runs created at or after this ISO 8601 time' }),
  created_before: isoTime.optional().meta({ description: 'Only runs created before this ISO 8601 time (after `created_after`)' }),
  finished_after: isoTime.optional().meta({ description: 'Only runs that ended (succeeded, failed or cancelled) at or after this ISO 8601 time' }),
  event: z.string().min(1).max(255).optional().meta({ description: 'Only runs started by this Stripe event, e.g. `evt_1...`' }),
  object: stripeObjectId.optional().meta({ description: "Only runs about this Stripe object (`pi_...`, `ch_...`, `in_...`, `cus_...`, `re_...`): started by an event about it or about what belongs to it (see `GET /events`), or that moved money on it: refunded its charge or payment, refunded its customer, or created that refund or credit note" }),
  request: z.string().min(1).max(255).optional().meta({ description: 'Only the run of this catalog request, e.g. `req_0abc...`' }),
  limit: z.coerce.number().int().min(1).max(MAX_RUN_PAGE).default(DEFAULT_RUN_PAGE).meta({ description: `Runs per page, 1 to ${MAX_RUN_PAGE}` }),
  cursor: z.string().min(1).optional().meta({ description: 'The `next_cursor` of the previous page' }),
});

/** A JSON apply or validate body; the same endpoints also take YAML or JSON text (see definition-routes.ts). */
export const definitionsBody = z
  .strictObject({
    documents: z
      .array(z.record(z.string(), z.unknown()).meta({ description: 'A definition document: see /api/v1/schema/definition.json' }))
      .min(1),
  })
  .meta({ description: 'Definition documents (Workflow, Team, Service, Connector)' });

/** Apply and validate take the JSON object, or the YAML or JSON text of a definition file (as a string body). */
export const definitionsPayload = z.union([definitionsBody, z.string().meta({ description: 'YAML or JSON text, several documents separated by `---`' })]);

export const publishBody = z
  .strictObject({
    annotation: z.string().max(500).optional().meta({ description: 'What changed, for people reading the version history' }),
    from_version: z.number().int().min(1).optional().meta({ description: 'Re-publish this old version (rollback) instead of the draft' }),
    activate: z.boolean().optional().meta({ description: 'Make the new version the active one (default false)' }),
  })
  .meta({ description: 'Publish the draft, or re-publish an old version' });

export const invokeBody = z
  .strictObject({
    input: z.record(z.string(), z.unknown()).default({}).meta({ description: "Values for the manual trigger's input fields" }),
  })
  .meta({ description: 'Start a run' });

/** The names under which request bodies appear in the OpenAPI document's `components.schemas`. */
export const requestComponents = {
  DefinitionsRequest: definitionsPayload,
  PublishRequest: publishBody,
  InvokeRequest: invokeBody,
  ...identityRequestComponents,
} as const;
