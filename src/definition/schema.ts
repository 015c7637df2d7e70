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
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name: letters, digits and "_"'),
  label: z.string().optional(),
  type: z.enum(FIELD_TYPES).default('text'),
  required: z.boolean().default(false),
  pattern: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.string()).optional(),
  help: z.string().optional(),
  default: z.unknown().optional(),
});
export type Field = z.infer<typeof fieldSchema>;

const stringOrList = z.union([z.string(), z.array(z.string()).min(1)]);

export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('event'),
    event: stringOrList,
    when: z.string().optional(),
    account: z.enum(['self', 'connected', 'both']).default('self'),
    connector: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('schedule'),
    cron: z.string(),
    timezone: z.string().default('UTC'),
    catch_up: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('manual'), input: z.array(fieldSchema).default([]) }),
  z.strictObject({ type: z.literal('form'), form: z.array(fieldSchema).min(1) }),
  z.strictObject({ type: z.literal('webhook'), secret: z.string().optional(), when: z.string().optional() }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerType = Trigger['type'];

const retrySchema = z.strictObject({
  attempts: z.number().int().min(1).max(100).default(3),
  backoff: duration.default('1s'),
  max_delay: duration.default('5m'),
});

const base = {
  id,
  title: z.string().optional(),
  next: z.string().optional(),
};

const assigneeSchema = z.union([
  z.strictObject({ team: z.string() }),
  z.strictObject({ users: z.array(z.string()).min(1) }),
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
      type: z.literal('action'),
      uses: z.string().regex(/^[a-z]+(\.[A-Za-z]+)+$/, 'a connector operation such as stripe.refunds.create'),
      connector: z.string().optional(),
      with: z.record(z.string(), z.unknown()).default({}),
      output: z.string().optional(),
      retry: retrySchema.optional(),
      on_error: z.string().optional(),
      timeout: duration.optional(),
    }),
    z.strictObject({
      ...base,
      type: z.literal('decision'),
      branches: z.array(z.strictObject({ when: z.string(), next: z.string() })).min(1),
      otherwise: z.string({ error: 'a decision needs `otherwise`: the step to go to when no branch matches' }),
    }),
    z.strictObject({
      ...base,
      type: z.literal('approval'),
      assignee: assigneeSchema,
      quorum: z.union([z.enum(['any', 'all']), z.number().int().min(1)]).default('any'),
      require_comment_on_reject: z.boolean().default(false),
      timeout: duration.optional(),
      on_timeout: z.string().optional(),
      on: z.strictObject({ approved: z.string().optional(), rejected: z.string().optional() }).optional(),
      output: z.string().optional(),
      form: z.array(fieldSchema).optional(),
    }),
    z.strictObject({ ...base, type: z.literal('wait'), for: duration.optional(), until: z.string().optional() }),
    z.strictObject({
      ...base,
      type: z.literal('parallel'),
      branches: z.array(z.strictObject({ steps: z.array(stepSchema).min(1) })).min(1),
      join: z.enum(['all', 'any']).default('all'),
    }),
    z.strictObject({
      ...base,
      type: z.literal('foreach'),
      items: z.string(),
      as: z.string().default('item'),
      concurrency: z.number().int().min(1).max(100).default(1),
      steps: z.array(stepSchema).min(1),
      output: z.string().optional(),
    }),
    z.strictObject({ ...base, type: z.literal('set'), values: z.record(z.string(), z.unknown()) }),
    z.strictObject({
      ...base,
      type: z.literal('workflow'),
      workflow: z.string(),
      input: z.record(z.string(), z.unknown()).default({}),
      output: z.string().optional(),
    }),
    z.strictObject({
      ...base,
      type: z.literal('end'),
      outcome: z.string().optional(),
      status: z.enum(['succeeded', 'failed', 'cancelled']).default('succeeded'),
    }),
  ]),
);

export const workflowDocumentSchema = z.strictObject({
  kind: z.literal('Workflow'),
  id,
  title: z.string().optional(),
  description: z.string().optional(),
  trigger: triggerSchema,
  steps: z.array(stepSchema).min(1),
});
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

export const teamDocumentSchema = z.strictObject({
  kind: z.literal('Team'),
  id,
  title: z.string().optional(),
  members: z
    .array(
      z.strictObject({
        email: z.string().regex(EMAIL_ADDRESS, EMAIL_ADDRESS_HINT),
        name: z.string().optional(),
        role: z.enum(['admin', 'editor', 'approver', 'requester', 'viewer']).optional(),
      }),
    )
    .default([]),
});
export type TeamDocument = z.infer<typeof teamDocumentSchema>;

export const serviceDocumentSchema = z.strictObject({
  kind: z.literal('Service'),
  id,
  title: z.string().optional(),
  description: z.string().optional(),
  offerings: z
    .array(
      z.strictObject({
        id,
        title: z.string().optional(),
        description: z.string().optional(),
        workflow: z.string(),
        version: z.union([z.number().int().min(1), z.literal('latest')]).default('latest'),
        status: z.enum(['draft', 'published']).default('published'),
      }),
    )
    .default([]),
});
export type ServiceDocument = z.infer<typeof serviceDocumentSchema>;

export const CONNECTOR_TYPES = ['stripe', 'smtp', 'http', 'webhook'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const connectorDocumentSchema = z.strictObject({
  kind: z.literal('Connector'),
  id,
  type: z.enum(CONNECTOR_TYPES),
  title: z.string().optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type ConnectorDocument = z.infer<typeof connectorDocumentSchema>;

export const documentSchema = z.discriminatedUnion('kind', [
  workflowDocumentSchema,
  teamDocumentSchema,
  serviceDocumentSchema,
  connectorDocumentSchema,
]);
export type Document = z.infer<typeof documentSchema>;
export type DocumentKind = Document['kind'];
