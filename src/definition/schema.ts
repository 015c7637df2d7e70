/**
 * The definition format, as one zod schema. It validates documents and also
 * yields the published JSON Schema (see json-schema.ts). DESIGN.md is the
 * contract this mirrors. Each step type's schema is in steps/.
 */
import { z } from 'zod';
import { EMAIL_ADDRESS, EMAIL_ADDRESS_HINT } from '../core/email-address.ts';
import { approvalLimitSchema } from './approval-limit-schema.ts';
import { fieldSchema } from './field-schema.ts';
import { policyBodySchema } from './policy-schema.ts';
import { stepSchema } from './steps/index.ts';
import { idSchema } from './value-formats.ts';

export { FIELD_TYPES, fieldSchema } from './field-schema.ts';
export type { Field, FieldType } from './field-schema.ts';
export { isStepType, STEP_TYPES, stepSchema } from './steps/index.ts';
export type {
  ActionStep, ApprovalStep, DecisionStep, EndStep, ForeachStep, ParallelStep, SetStep, Step, StepOf, StepType, WaitStep, WorkflowStep,
} from './steps/index.ts';

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);

export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('event').describe('event: start a run on a Stripe event'),
    event: stringOrList.describe('A Stripe event type such as `charge.dispute.created`, or a list of them'),
    when: z.string().optional().describe('A JSONata condition on `event` and `object`; the run starts only when it is true'),
    account: z.enum(['self', 'connected', 'both']).default('self').describe('Whose events: the platform account (`self`), its connected accounts, or `both`'),
    connector: z.string().optional().describe('The stripe connector whose events start the run; default the only one'),
  }).meta({ description: 'Starts a run for each Stripe event of the given types (that meets `when`); the run reads the event as `event` and its object as `object`.' }),
  z.strictObject({
    type: z.literal('schedule').describe('schedule: start a run on a cron schedule'),
    cron: z.string().describe('A cron expression such as `0 9 * * 1` (09:00 every Monday)'),
    timezone: z.string().default('UTC').describe('The IANA time zone the cron expression is read in, e.g. `Europe/Paris`'),
    catch_up: z.boolean().default(false).describe('True to run every tick missed while Tollgate was down; false runs a missed tick once'),
  }).meta({ description: 'Starts a run at each tick of a cron schedule; the run reads the tick as `schedule`.' }),
  z.strictObject({
    type: z.literal('manual').describe('manual: start a run on demand'),
    input: z.array(fieldSchema).default([]).describe('The fields the caller gives; each becomes a variable named by its key'),
  }).meta({ description: 'Starts a run on demand, from the web app, the API or `tollgate run`, with the given input fields as variables.' }),
  z.strictObject({
    type: z.literal('form').describe('form: start a run from a catalog request'),
    form: z.array(fieldSchema).min(1).describe('The fields of the request form; each becomes a variable named by its key'),
  }).meta({ description: 'Starts a run when someone submits the form of an offering (a catalog request); the fields are variables and `request` describes the request.' }),
  z.strictObject({
    type: z.literal('webhook').describe('webhook: start a run on a signed inbound JSON POST'),
    secret: z.string().optional().describe('The signing secret, usually `{{ env.NAME }}`; a sender signs each delivery with `X-Tollgate-Signature: t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>">`, and a repeat of one is taken once'),
    when: z.string().optional().describe('A JSONata condition on `body` and `headers`; the run starts only when it is true'),
  }).meta({ description: 'Starts a run for each JSON POST to the workflow\'s webhook URL; the run reads the payload as `body` and the request headers as `headers`.' }),
]).meta({ description: 'What starts the workflow\'s runs: exactly one trigger, chosen by `type`.' });
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerType = Trigger['type'];

export const workflowDocumentSchema = z.strictObject({
  kind: z.literal('Workflow').describe('Workflow'),
  id: idSchema.describe('The workflow\'s id, unique among workflows, e.g. `dispute-alert`'),
  title: z.string().optional().describe('A name for people'),
  description: z.string().optional().describe('What the workflow is for'),
  trigger: triggerSchema,
  steps: z.array(stepSchema).min(1).describe('The steps, run from the first; each goes on to its `next` or the step below'),
  policy: policyBodySchema.optional().describe('Money governance for this workflow, over the global `Policy` documents'),
}).meta({ description: 'A workflow: one trigger and the steps each run goes through.' });
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

export const teamDocumentSchema = z.strictObject({
  kind: z.literal('Team').describe('Team'),
  id: idSchema.describe('The team\'s id, as approvals and emails name it (`{team: finance}`)'),
  title: z.string().optional().describe('A name for people'),
  description: z.string().optional().describe('What the team does, for people'),
  members: z
    .array(
      z.strictObject({
        email: z.string().regex(EMAIL_ADDRESS, EMAIL_ADDRESS_HINT).describe('The member\'s email, which is their user name'),
        name: z.string().optional().describe('Their name'),
        role: z.enum(['admin', 'editor', 'approver', 'requester', 'viewer']).optional().describe('Their role, when the user is created'),
        approval_limit: approvalLimitSchema.optional().describe('The most they may approve in this team\'s tasks, e.g. `{amount: 5000, currency: usd}`; without it, no cap'),
      }),
    )
    .default([])
    .describe('The people of the team'),
}).meta({ description: 'A team of people that approvals and emails address.' });
export type TeamDocument = z.infer<typeof teamDocumentSchema>;

export const serviceDocumentSchema = z.strictObject({
  kind: z.literal('Service').describe('Service'),
  id: idSchema.describe('The service\'s id'),
  title: z.string().optional().describe('A name for people'),
  description: z.string().optional().describe('What the service offers'),
  offerings: z
    .array(
      z.strictObject({
        id: idSchema.describe('The offering\'s id, unique in the service'),
        title: z.string().optional().describe('A name for people'),
        description: z.string().optional().describe('What a request does'),
        workflow: z.string().describe('The id of the workflow (with a form trigger) a request runs'),
        version: z.union([z.number().int().min(1), z.literal('latest')]).default('latest').describe('The workflow version requests run: a number, or `latest`'),
        status: z.enum(['draft', 'published']).default('published').describe('`published` takes requests; `draft` does not'),
      }),
    )
    .default([])
    .describe('The offerings people can request'),
}).meta({ description: 'A catalog service: offerings people request through a form, each running a workflow.' });
export type ServiceDocument = z.infer<typeof serviceDocumentSchema>;

export const CONNECTOR_TYPES = ['stripe', 'smtp', 'http', 'webhook'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const connectorDocumentSchema = z.strictObject({
  kind: z.literal('Connector').describe('Connector'),
  id: idSchema.describe('The connector\'s id, as action steps name it in `connector`'),
  type: z.enum(CONNECTOR_TYPES).describe('The kind of connector'),
  title: z.string().optional().describe('A name for people'),
  config: z.record(z.string(), z.unknown()).default({}).describe('Its settings; secrets as `{{ env.NAME }}`, read where the worker runs'),
}).meta({ description: 'A named connection to Stripe, an SMTP server, an HTTP API or a webhook receiver.' });
export type ConnectorDocument = z.infer<typeof connectorDocumentSchema>;

export const policyDocumentSchema = z.strictObject({
  kind: z.literal('Policy').describe('Policy'),
  id: idSchema.describe('The policy\'s id'),
  title: z.string().optional().describe('A name for people'),
  description: z.string().optional().describe('What the policy is for'),
  ...policyBodySchema.shape,
}).meta({ description: 'Global money governance: refund rules and caps, and separation of duties, for every workflow (a workflow\'s own `policy` block goes over it).' });
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const documentSchema = z.discriminatedUnion('kind', [
  workflowDocumentSchema,
  teamDocumentSchema,
  serviceDocumentSchema,
  connectorDocumentSchema,
  policyDocumentSchema,
]);
export type Document = z.infer<typeof documentSchema>;
export type DocumentKind = Document['kind'];
