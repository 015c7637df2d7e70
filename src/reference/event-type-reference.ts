/**
 * Stripe event types and their objects' fields, for the builder's trigger
 * form and `{{ }}` picker: every type Tollgate accepts with its object kind,
 * and for one type the fields (curated for the kinds payment teams use, read
 * off a sample object otherwise) and a sample event made as the sandbox makes it.
 */
import type { Clock } from '../core/clock.ts';
import { NotFoundError } from '../core/errors.ts';
import { suggestion } from '../definition/did-you-mean.ts';
import { STRIPE_EVENT_TYPES } from '../definition/stripe-event-types.ts';
import { objectKindOf, sampleEvent, type StripeEvent } from '../sandbox/index.ts';
import { CURATED_FIELDS } from './object-fields/curated-fields.ts';
import { fieldsOfObject } from './object-fields/derived-fields.ts';
import { fillPath } from './object-fields/field-path.ts';
import type { ObjectField } from './object-fields/object-field.ts';

export interface EventTypeSummary {
  type: string;
  /** The kind of `data.object`: `charge`, `radar.early_fraud_warning`. */
  object: string;
}

export interface EventTypeReference extends EventTypeSummary {
  fields: ObjectField[];
  sample: StripeEvent;
}

/** Every Stripe event type Tollgate accepts, sorted, with its object kind. */
export function eventTypeSummaries(): EventTypeSummary[] {
  return STRIPE_EVENT_TYPES.map((type) => ({ type, object: objectKindOf(type) }));
}

/**
 * One event type's object fields and a sample event (nothing stored or sent).
 * @throws NotFoundError `event_type_unknown`, with the closest type when one is close.
 */
export function eventTypeReference(type: string, options: { clock: Clock }): EventTypeReference {
  if (!STRIPE_EVENT_TYPES.includes(type)) {
    throw new NotFoundError(
      'event_type_unknown',
      `"${type}" is not a Stripe event type Tollgate accepts${suggestion(type, STRIPE_EVENT_TYPES)}; GET /api/v1/reference/event-types lists them.`,
      { path: 'params.type' },
    );
  }
  const kind = objectKindOf(type);
  const sample = sampleEvent(type, { clock: options.clock });
  const curated = CURATED_FIELDS.get(kind);
  // A kind the sandbox only generates gets the curated examples, so the sample shows every field offered.
  if (curated !== undefined) for (const field of curated) fillPath(sample.data.object, field.path, field.example);
  return { type, object: kind, fields: curated === undefined ? fieldsOfObject(sample.data.object) : [...curated], sample };
}

/** The fields of an object kind (a Stripe operation's output), or an empty list for a kind no event carries. */
export function objectKindFields(kind: string, options: { clock: Clock }): ObjectField[] {
  const curated = CURATED_FIELDS.get(kind);
  if (curated !== undefined) return [...curated];
  const type = STRIPE_EVENT_TYPES.find((candidate) => objectKindOf(candidate) === kind);
  return type === undefined ? [] : fieldsOfObject(sampleEvent(type, { clock: options.clock }).data.object);
}
