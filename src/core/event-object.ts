/**
 * What a Stripe event is about: its object's id, and the ids of the customer, charge and payment intent that
 * object belongs to (each an id, or an expanded object's id). A dispute or an early fraud warning is thereby
 * found by its charge and its payment, and a charge by its payment.
 */
export interface EventObject {
  objectId: string | null;
  customerId: string | null;
  chargeId: string | null;
  paymentIntentId: string | null;
}

/** Reads `data.object.id` and its `customer`, `charge` and `payment_intent`; null where one is missing or not an id. */
export function eventObjectOf(payload: unknown): EventObject {
  const object = recordAt(recordAt(payload, 'data'), 'object');
  return {
    objectId: typeof object?.id === 'string' ? object.id : null,
    customerId: referencedId(object, 'customer'),
    chargeId: referencedId(object, 'charge'),
    paymentIntentId: referencedId(object, 'payment_intent'),
  };
}

/** A field that references another object: its id, or the id of the object expanded in its place. */
function referencedId(object: Record<string, unknown> | undefined, key: string): string | null {
  const value = object?.[key];
  if (typeof value === 'string') return value;
  const expandedId = recordAt(object, key)?.id;
  return typeof expandedId === 'string' ? expandedId : null;
}

function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const child = (value as Record<string, unknown>)[key];
  return typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : undefined;
}

/** An object an event's object belongs to, named for people: its customer, its payment (intent) or its charge. */
export interface OwningObject {
  kind: 'customer' | 'payment' | 'charge';
  id: string;
}

/** What the event's object belongs to, in that order (customer, payment, charge), leaving out the object itself. */
export function owningObjects(about: EventObject): OwningObject[] {
  const owners: [OwningObject['kind'], string | null][] = [
    ['customer', about.customerId],
    ['payment', about.paymentIntentId],
    ['charge', about.chargeId],
  ];
  return owners.flatMap(([kind, id]) => (id === null || id === about.objectId ? [] : [{ kind, id }]));
}

/** The same reading from an API event summary's fields (`object`, `customer`, `payment_intent`, `charge`). */
export function eventObjectOfSummary(event: { object: string | null; customer: string | null; payment_intent: string | null; charge: string | null }): EventObject {
  return { objectId: event.object, customerId: event.customer, paymentIntentId: event.payment_intent, chargeId: event.charge };
}
