/**
 * The definition format, as one zod schema. It validates documents and also
 * yields the published JSON Schema (see json-schema.ts). DESIGN.md is the
 * contract this mirrors.
 */
import { z } from 'zod';
import { EMAIL_ADDRESS, EMAIL_ADDRESS_HINT } from '../core/email-address.ts';

const id = z
  .string()
  // No /i flag: JSON Schema patterns have no flags, and the published schema must accept the same ids.
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "_" or "-", starting with a letter or digit');

const duration = z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d|w)$/, 'a duration such as 30s, 15m, 2h, 7d');

export const FIELD_TYPES = [
  'text', 'email', 'number', 'money', 'select', 'multiselect', 'textarea', 'url', 'date', 'checkbox',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const fieldSchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name: letters, digits and "_"').describe('The variable the value is stored in, e.g. `amount`; expressions read it by this name'),
  label: z.string().optional().describe('What people see beside the input; default the key'),
  type: z.enum(FIELD_TYPES).default('text').describe('The kind of input; `money` is a major-unit amount such as 19.99'),
  required: z.boolean().default(false).describe('True when the field must be filled in'),
  pattern: z.string().optional().describe('A regular expression a text value must match'),
  min: z.number().optional().describe('Smallest number (number, money) or shortest text'),
  max: z.number().optional().describe('Largest number (number, money) or longest text'),
  options: z.array(z.string()).optional().describe('The choices of a select or multiselect field'),
  help: z.string().optional().describe('A hint shown under the input'),
  default: z.unknown().optional().describe('The value filled in when none is given'),
}).meta({ description: 'One input of a form, of a manual trigger or of an approval: its value becomes a variable named by `key`.' });
export type Field = z.infer<typeof fieldSchema>;

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
    secret: z.string().optional().describe('The signing secret deliveries are checked with, usually `{{ env.NAME }}`'),
    when: z.string().optional().describe('A JSONata condition on `body` and `headers`; the run starts only when it is true'),
  }).meta({ description: 'Starts a run for each JSON POST to the workflow\'s webhook URL; the run reads the payload as `body` and the request headers as `headers`.' }),
]).meta({ description: 'What starts the workflow\'s runs: exactly one trigger, chosen by `type`.' });
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerType = Trigger['type'];

const retrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100).default(3).describe('How many attempts in all, the first included'),
  backoff: duration.default('1s').describe('The delay before the first retry; it doubles each time'),
  max_delay: duration.default('5m').describe('The longest delay between two attempts'),
});

const base = {
  id: id.describe('The step\'s id, unique in the workflow; `next`, branches and `on_error` name steps by it'),
  title: z.string().optional().describe('A name for people, shown in the run history'),
  next: z.string().optional().describe('The id of the step to go to after this one; default the step below'),
};

const assigneeSchema = z.union([
  z.strictObject({ team: z.string().describe('A team id') }),
  z.strictObject({ users: z.array(z.string()).min(1).describe('User emails') }),
]);

export type Step =
  | ActionStep
  | DecisionStep
  | ApprovalStep
  | WaitStep
  | ParallelStep
  | ForeachStep
  | SetStep
  | WorkflowStep
  | EndStep;

export interface StepBase {
  id: string;
  title?: string | undefined;
  next?: string | undefined;
}
export interface ActionStep extends StepBase {
  type: 'action';
  uses: string;
  connector?: string | undefined;
  with: Record<string, unknown>;
  output?: string | undefined;
  retry?: { attempts: number; backoff: string; max_delay: string } | undefined;
  on_error?: string | undefined;
  timeout?: string | undefined;
}
export interface DecisionStep extends StepBase {
  type: 'decision';
  branches: { when: string; next: string }[];
  otherwise: string;
}
export interface ApprovalStep extends StepBase {
  type: 'approval';
  assignee: { team: string } | { users: string[] };
  quorum: 'any' | 'all' | number;
  require_comment_on_reject: boolean;
  timeout?: string | undefined;
  on_timeout?: string | undefined;
  on?: { approved?: string | undefined; rejected?: string | undefined } | undefined;
  output?: string | undefined;
  form?: Field[] | undefined;
}
export interface WaitStep extends StepBase {
  type: 'wait';
  for?: string | undefined;
  until?: string | undefined;
}
export interface ParallelStep extends StepBase {
  type: 'parallel';
  branches: { steps: Step[] }[];
  join: 'all' | 'any';
}
export interface ForeachStep extends StepBase {
  type: 'foreach';
  items: string;
  as: string;
  concurrency: number;
  steps: Step[];
  output?: string | undefined;
}
export interface SetStep extends StepBase {
  type: 'set';
  values: Record<string, unknown>;
}
export interface WorkflowStep extends StepBase {
  type: 'workflow';
  workflow: string;
  input: Record<string, unknown>;
  output?: string | undefined;
}
export interface EndStep extends StepBase {
  type: 'end';
  outcome?: string | undefined;
  status: 'succeeded' | 'failed' | 'cancelled';
}
export type StepType = Step['type'];

export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      ...base,
      type: z.literal('action').describe('action: call a connector operation'),
      uses: z.string().regex(/^[a-z]+(\.[A-Za-z]+)+$/, 'a connector operation such as stripe.refunds.create').describe('The operation to call, e.g. `stripe.refunds.create`; `tollgate operations` lists them'),
      connector: z.string().optional().describe('The connector to call it with; default the only one of the operation\'s kind'),
      with: z.record(z.string(), z.unknown()).default({}).describe('The operation\'s parameters; strings are templates (`{{ object.id }}`)'),
      output: z.string().optional().describe('The variable the result is stored in; default the step id'),
      retry: retrySchema.optional().describe('How a failure that may pass (network, 5xx, 429) is retried: {attempts, backoff, max_delay}'),
      on_error: z.string().optional().describe('The step to go to when the call fails for good, with the failure in `error`; without it the run fails'),
      timeout: duration.optional().describe('The longest one attempt may take, e.g. `30s`'),
    }).meta({ description: 'Calls a connector operation (Stripe, email, HTTP, webhook) with the parameters in `with`, and stores its result in `output`.' }),
    z.strictObject({
      ...base,
      type: z.literal('decision').describe('decision: choose the next step by conditions'),
      branches: z.array(z.strictObject({
        when: z.string().describe('A JSONata condition'),
        next: z.string().describe('The step to go to when it is true'),
      })).min(1).describe('Conditions tried in order; the first true one chooses the next step'),
      otherwise: z.string({ error: 'a decision needs `otherwise`: the step to go to when no branch matches' }).describe('The step to go to when no branch matches'),
    }).meta({ description: 'Goes to the `next` of the first branch whose `when` is true, or to `otherwise`.' }),
    z.strictObject({
      ...base,
      type: z.literal('approval').describe('approval: wait for people to approve or reject'),
      assignee: assigneeSchema.describe('Who decides: {team: id} or {users: [emails]}'),
      quorum: z.union([z.enum(['any', 'all']), z.number().int().min(1)]).default('any').describe('How many approvals are needed: `any` (one), `all`, or a number'),
      require_comment_on_reject: z.boolean().default(false).describe('True when a rejection must say why'),
      timeout: duration.optional().describe('How long to wait for a decision, e.g. `2d`'),
      on_timeout: z.string().optional().describe('The step to go to when the timeout passes'),
      on: z.strictObject({
        approved: z.string().optional().describe('The step to go to when approved'),
        rejected: z.string().optional().describe('The step to go to when rejected'),
      }).optional().describe('Where to go on each decision; default the next step'),
      output: z.string().optional().describe('The variable the decision {decision, comment, by, at} is stored in; default the step id'),
      form: z.array(fieldSchema).optional().describe('Fields the approver fills in; their values are in the output'),
    }).meta({ description: 'Creates an approval task for a team or users and waits for its decision (or the timeout).' }),
    z.strictObject({
      ...base,
      type: z.literal('wait').describe('wait: pause the run'),
      for: duration.optional().describe('How long to wait, e.g. `30s`, `2d`'),
      until: z.string().optional().describe('A JSONata expression giving the time to wait until: an ISO 8601 time or epoch milliseconds'),
    }).meta({ description: 'Pauses the run for a duration (`for`) or until a time (`until`); nothing runs meanwhile and a restart does not lose the wait.' }),
    z.strictObject({
      ...base,
      type: z.literal('parallel').describe('parallel: run branches side by side'),
      branches: z.array(z.strictObject({ steps: z.array(stepSchema).min(1).describe('The branch\'s steps') })).min(1).describe('The branches, each a list of steps'),
      join: z.enum(['all', 'any']).default('all').describe('Go on when `all` branches are done, or when `any` one is'),
    }).meta({ description: 'Runs its branches side by side; the output is the list of each branch\'s variables, in order.' }),
    z.strictObject({
      ...base,
      type: z.literal('foreach').describe('foreach: run steps for each item of a list'),
      items: z.string().describe('A JSONata expression giving the list'),
      as: z.string().default('item').describe('The variable each item is stored in (its index in `<as>_index`)'),
      concurrency: z.number().int().min(1).max(100).default(1).describe('How many items run at once'),
      steps: z.array(stepSchema).min(1).describe('The steps run for each item'),
      output: z.string().optional().describe('The variable the list of each iteration\'s variables is stored in; default the step id'),
    }).meta({ description: 'Runs its steps once for each item of a list; each iteration is its own scope.' }),
    z.strictObject({
      ...base,
      type: z.literal('set').describe('set: assign variables'),
      values: z.record(z.string(), z.unknown()).describe('Variable names and their values; strings are templates'),
    }).meta({ description: 'Assigns variables: each key of `values` becomes a variable, computed from templates.' }),
    z.strictObject({
      ...base,
      type: z.literal('workflow').describe('workflow: run another workflow'),
      workflow: z.string().describe('The id of the workflow to run'),
      input: z.record(z.string(), z.unknown()).default({}).describe('Its input fields; strings are templates'),
      output: z.string().optional().describe('The variable {run_id, status, outcome, variables} is stored in; default the step id'),
    }).meta({ description: 'Runs another workflow with the given input (its fields) and waits for it to end; the output holds its status, outcome and variables.' }),
    z.strictObject({
      ...base,
      type: z.literal('end').describe('end: end the run'),
      outcome: z.string().optional().describe('A name for how the run ended, such as `Refunded`'),
      status: z.enum(['succeeded', 'failed', 'cancelled']).default('succeeded').describe('The run\'s final status'),
    }).meta({ description: 'Ends the run with a status and an outcome.' }),
  ]).meta({ description: 'One step of a workflow, chosen by `type`.' }),
);

export const workflowDocumentSchema = z.strictObject({
  kind: z.literal('Workflow').describe('Workflow'),
  id: id.describe('The workflow\'s id, unique among workflows, e.g. `dispute-alert`'),
  title: z.string().optional().describe('A name for people'),
  description: z.string().optional().describe('What the workflow is for'),
  trigger: triggerSchema,
  steps: z.array(stepSchema).min(1).describe('The steps, run from the first; each goes on to its `next` or the step below'),
}).meta({ description: 'A workflow: one trigger and the steps each run goes through.' });
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

export const teamDocumentSchema = z.strictObject({
  kind: z.literal('Team').describe('Team'),
  id: id.describe('The team\'s id, as approvals and emails name it (`{team: finance}`)'),
  title: z.string().optional().describe('A name for people'),
  members: z
    .array(
      z.strictObject({
        email: z.string().regex(EMAIL_ADDRESS, EMAIL_ADDRESS_HINT).describe('The member\'s email, which is their user name'),
        name: z.string().optional().describe('Their name'),
        role: z.enum(['admin', 'editor', 'approver', 'requester', 'viewer']).optional().describe('Their role, when the user is created'),
      }),
    )
    .default([])
    .describe('The people of the team'),
}).meta({ description: 'A team of people that approvals and emails address.' });
export type TeamDocument = z.infer<typeof teamDocumentSchema>;

export const serviceDocumentSchema = z.strictObject({
  kind: z.literal('Service').describe('Service'),
  id: id.describe('The service\'s id'),
  title: z.string().optional().describe('A name for people'),
  description: z.string().optional().describe('What the service offers'),
  offerings: z
    .array(
      z.strictObject({
        id: id.describe('The offering\'s id, unique in the service'),
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
  id: id.describe('The connector\'s id, as action steps name it in `connector`'),
  type: z.enum(CONNECTOR_TYPES).describe('The kind of connector'),
  title: z.string().optional().describe('A name for people'),
  config: z.record(z.string(), z.unknown()).default({}).describe('Its settings; secrets as `{{ env.NAME }}`, read where the worker runs'),
}).meta({ description: 'A named connection to Stripe, an SMTP server, an HTTP API or a webhook receiver.' });
export type ConnectorDocument = z.infer<typeof connectorDocumentSchema>;

export const documentSchema = z.discriminatedUnion('kind', [
  workflowDocumentSchema,
  teamDocumentSchema,
  serviceDocumentSchema,
  connectorDocumentSchema,
]);
export type Document = z.infer<typeof documentSchema>;
export type DocumentKind = Document['kind'];
