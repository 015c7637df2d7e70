/** Response schemas of the reference routes, which the workflow builder's forms and pickers read. */
import { z } from 'zod';
import { PARAM_TYPES } from '../definition/operation-spec.ts';
import { FIELD_TYPES } from '../reference/object-fields/object-field.ts';

export const referenceFieldSchema = z.object({
  path: z.string().meta({ description: 'Relative to the object: `amount`, `billing_details.email`; a condition reads it as `object.<path>`' }),
  type: z.enum(FIELD_TYPES).meta({ description: '`timestamp` is an integer of Unix seconds; `null` for a field seen only as null' }),
  description: z.string().nullable(),
  money: z.boolean().meta({ description: 'An amount in minor units whose currency is the sibling `currency` field' }),
  example: z.unknown().meta({ description: 'A typical value' }),
});

export const operationParamSchema = z.object({
  name: z.string(),
  type: z.enum(PARAM_TYPES),
  required: z.boolean(),
  description: z.string().nullable(),
  recipients: z.boolean().meta({ description: 'Names people: an address, `{team: id}`, `{users: [...]}` or a list of these' }),
});

export const operationReferenceSchema = z.object({
  name: z.string().meta({ description: 'What an action step `uses`, e.g. `stripe.refunds.create`' }),
  description: z.string(),
  connector_type: z.string().nullable().meta({ description: 'The kind of connector it needs, or null' }),
  moves_money: z.boolean(),
  docs_url: z.string().nullable().meta({ description: 'The API reference page of the call it wraps' }),
  additional_params: z.boolean().meta({ description: 'True when parameters beyond `params` are allowed' }),
  example: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The `with` block of a typical step' }),
  params: z.array(operationParamSchema),
  output: z.object({
    object: z.string().nullable().meta({ description: 'The Stripe object kind the output variable holds (`charge`, `list`), or null for a connector\'s own answer' }),
    fields: z.array(referenceFieldSchema).meta({ description: 'What a later step may read from the output variable, e.g. `charge.amount`' }),
  }),
});

export const operationReferenceListSchema = z.object({ operations: z.array(operationReferenceSchema) });

export const eventTypeSummarySchema = z.object({
  type: z.string().meta({ description: 'e.g. `charge.dispute.created`' }),
  object: z.string().meta({ description: 'The kind of `data.object`, e.g. `dispute`, `radar.early_fraud_warning`' }),
});

export const eventTypeListSchema = z.object({
  event_types: z.array(eventTypeSummarySchema).meta({ description: 'Every Stripe event type Tollgate accepts, sorted' }),
  default_currency: z.string().meta({ description: "The Stripe account's default currency; `usd` when it cannot be told" }),
});

export const eventTypeParams = z.strictObject({ type: z.string().min(1).meta({ description: 'A Stripe event type, e.g. `charge.succeeded`' }) });

export const eventTypeReferenceSchema = z.object({
  event_type: eventTypeSummarySchema.extend({
    fields: z.array(referenceFieldSchema).meta({ description: "The fields of the event's object" }),
    sample: z.record(z.string(), z.unknown()).meta({ description: 'A sample event of this type, made as the built-in sandbox makes it (nothing is stored or sent)' }),
  }),
});

export const variableReferenceSchema = z.object({
  name: z.string().meta({ description: 'The variable, or a family of them in angle brackets: `<step output>`, `<field key>`' }),
  scope: z.string().meta({ description: 'Where it is in scope, e.g. `event trigger`, `steps on an on_error path`' }),
  description: z.string(),
  example: z.object({
    expression: z.string(),
    variables: z.record(z.string(), z.unknown()).meta({ description: 'The variables the expression is evaluated over' }),
    result: z.unknown().meta({ description: 'What it gives' }),
  }),
});

export const variableReferenceListSchema = z.object({
  variables: z.array(variableReferenceSchema).meta({ description: 'In the order a run gets them' }),
  env_note: z.string().meta({ description: 'Why `env` is not among them' }),
});
