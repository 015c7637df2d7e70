/**
 * The zod schemas of every response body. The serializers are typed by them
 * and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { AttemptStatus, RunStatus, WorkflowStatus } from '../core/statuses.ts';
import { FIELD_TYPES } from '../definition/schema.ts';
import { identityResponseComponents } from './identity-schemas.ts';
import { pathEntrySchema, runWaitSchema } from './run-path-schemas.ts';

const time = z.iso.datetime();
const json = z.unknown();

export const issueSchema = z.object({
  path: z.string().meta({ description: 'Where the problem is, e.g. `query.limit` or `Workflow refund: steps[2].next`' }),
  message: z.string().meta({ description: 'What is wrong and how to fix it' }),
  document: z.string().optional().meta({ description: 'The definition document, e.g. `Workflow refund`' }),
  location: z.string().optional().meta({ description: 'The position in the submitted text, e.g. `<input>:12:7`' }),
  keys: z
    .array(z.union([z.string(), z.number().int()]))
    .optional()
    .meta({ description: 'For definitions: the same place as `path`, as field names and list indexes inside the document, e.g. `["steps", 2, "with", "amount"]`' }),
  severity: z.enum(['error', 'warning']).optional().meta({ description: 'For definitions: an error refuses them; a warning points at what may be intended and refuses nothing' }),
});

const warningsSchema = z
  .array(issueSchema)
  .optional()
  .meta({ description: 'What may be intended but is worth a look (e.g. two active workflows that move money on the same event); present only when there is some' });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'A stable code to decide on, e.g. `run_not_found`, `definition_invalid`' }),
    message: z.string().meta({ description: 'What went wrong, where, and how to fix it' }),
    path: z.string().optional().meta({ description: 'The request part or field at fault' }),
    issues: z.array(issueSchema).optional().meta({ description: 'Every problem found, for invalid input' }),
  }),
});

export const errorRecordSchema = z.looseObject({ type: z.string(), code: z.string(), message: z.string() });

export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({ status: z.literal('ready'), store: z.enum(['sqlite', 'postgres']) });

export const applyResultSchema = z.object({
  kind: z.enum(['Workflow', 'Team', 'Service', 'Connector', 'Policy']),
  id: z.string(),
  action: z.enum(['created', 'updated', 'unchanged', 'drafted']),
  version: z.number().int().optional().meta({ description: 'The version published or kept, for workflows' }),
});
export const applyResponseSchema = z.object({ results: z.array(applyResultSchema), warnings: warningsSchema });
export const validateResponseSchema = z.object({ valid: z.literal(true), warnings: warningsSchema });
export const exportResponseSchema = z.object({
  documents: z.array(z.looseObject({ kind: z.string(), id: z.string() })).meta({ description: 'Definition documents; connector secrets are masked' }),
});

export const workflowSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(WorkflowStatus),
  latest_version: z.number().int().meta({ description: '0 when never published' }),
  active_version: z.number().int().nullable(),
  trigger_type: z.string().nullable(),
  created_at: time,
  updated_at: time,
});
export const workflowSchema = workflowSummarySchema.extend({
  draft: json.meta({ description: 'The draft definition (what the next publish snapshots)' }),
  draft_hash: z.string().nullable(),
});
export const workflowResponseSchema = z.object({ workflow: workflowSchema });

export const versionSummarySchema = z.object({
  workflow: z.string(),
  version: z.number().int(),
  annotation: z.string().nullable(),
  hash: z.string(),
  created_at: time,
  published_by: z.string().nullable().meta({ description: 'Who published it (an email); null when the system or a local command published it without a user. They cannot decide its approval tasks unless the policy allows' }),
});
/** One input field of a form or of a manual trigger, with the definition format's defaults filled in. */
export const formFieldSchema = z.object({
  key: z.string(),
  label: z.string().optional(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  pattern: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.string()).optional(),
  help: z.string().optional(),
  default: z.unknown().optional(),
});

export const versionSchema = versionSummarySchema.extend({
  definition: json,
  manual_input: z.array(formFieldSchema).nullable().meta({ description: "The manual trigger's input fields, as a form shows them; null when the version starts on something else" }),
});
export const versionListResponseSchema = z.object({ versions: z.array(versionSummarySchema) });
export const versionResponseSchema = z.object({ version: versionSchema });

export const runSchema = z.object({
  id: z.string(),
  workflow: z.string(),
  version: z.number().int(),
  status: z.enum(RunStatus),
  outcome: z.string().nullable().meta({ description: "The `end` step's outcome name" }),
  variables: z.record(z.string(), json),
  trigger: z.looseObject({ type: z.string() }),
  error: errorRecordSchema.nullable(),
  failed_step: z.string().nullable(),
  retry_generation: z.number().int(),
  parent_run: z.string().nullable(),
  parent_step: z.string().nullable(),
  request: z.string().nullable().meta({ description: 'The catalog request that started the run' }),
  created_at: time,
  updated_at: time,
  finished_at: time.nullable(),
});
export const stepAttemptSchema = z.object({
  step_path: z.string(),
  step_id: z.string(),
  step_title: z.string().nullable().meta({ description: "The step's title in the run's workflow version; null when it has none (name it by its id)" }),
  step_type: z.string(),
  visit: z.number().int().meta({ description: '1 the first time the run reaches the step, 2 when a loop brings it back, ...' }),
  attempt: z.number().int().meta({ description: 'The attempt within the visit; retries count up' }),
  status: z.enum(AttemptStatus),
  input: json.meta({ description: 'The rendered input' }),
  output: json,
  error: errorRecordSchema.nullable(),
  started_at: time,
  finished_at: time.nullable(),
  duration_ms: z.number().int().nullable(),
});
export const runResponseSchema = z.object({ run: runSchema });
/** A run as its page and the run list show it: its workflow and the step it failed at named, so neither waits for another read. */
export const titledRunSchema = runSchema.extend({
  workflow_title: z.string().meta({ description: "The workflow's title now (`workflow` is its id)" }),
  failed_step_title: z.string().nullable().meta({ description: "The title of `failed_step` in the run's workflow version; null when the run did not fail at a step or the step has no title (name it by its id)" }),
});
export const runDetailResponseSchema = z.object({
  run: titledRunSchema,
  steps: z.array(stepAttemptSchema).meta({ description: 'Every step attempt, in order' }),
  path: z.array(pathEntrySchema).meta({ description: 'The top-level steps the run went through, one entry per visit, in order: the branch each decision took, parallel and foreach counted' }),
  waits: z.array(runWaitSchema).meta({ description: 'What the run waits on now: timers, approvals, child runs (empty when it waits on nothing)' }),
  can_wake: z.boolean().meta({ description: 'True when `POST /runs/{id}/wake` would end a wait of this run now: it waits on a time and this setup allows waking (the sandbox, a Stripe test key or TOLLGATE_ALLOW_WAKE)' }),
});
export const runListResponseSchema = z.object({
  runs: z.array(titledRunSchema).meta({ description: 'Newest first' }),
  next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
});

export type IssueBody = z.output<typeof issueSchema>;
export type ErrorBody = z.output<typeof errorBodySchema>;
export type WorkflowSummaryBody = z.output<typeof workflowSummarySchema>;
export type WorkflowBody = z.output<typeof workflowSchema>;
export type VersionSummaryBody = z.output<typeof versionSummarySchema>;
export type VersionBody = z.output<typeof versionSchema>;
export type RunBody = z.output<typeof runSchema>;
export type TitledRunBody = z.output<typeof titledRunSchema>;
export type StepAttemptBody = z.output<typeof stepAttemptSchema>;

/** The names under which response bodies appear in the OpenAPI document's `components.schemas`. */
export const responseComponents = {
  Error: errorBodySchema,
  Issue: issueSchema,
  ErrorRecord: errorRecordSchema,
  Health: healthSchema,
  Readiness: readinessSchema,
  ApplyResult: applyResultSchema,
  ApplyResponse: applyResponseSchema,
  ValidateResponse: validateResponseSchema,
  ExportResponse: exportResponseSchema,
  WorkflowSummary: workflowSummarySchema,
  Workflow: workflowSchema,
  WorkflowResponse: workflowResponseSchema,
  VersionSummary: versionSummarySchema,
  FormField: formFieldSchema,
  Version: versionSchema,
  VersionListResponse: versionListResponseSchema,
  VersionResponse: versionResponseSchema,
  Run: runSchema,
  StepAttempt: stepAttemptSchema,
  RunResponse: runResponseSchema,
  TitledRun: titledRunSchema,
  RunDetailResponse: runDetailResponseSchema,
  RunPathEntry: pathEntrySchema,
  RunWait: runWaitSchema,
  RunListResponse: runListResponseSchema,
  ...identityResponseComponents,
} as const;
