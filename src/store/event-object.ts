/** What a Stripe event is about: its object's id and that object's customer (an id, or an expanded customer's id). */
export interface EventObject {
  objectId: string | null;
  customerId: string | null;
}

/** Reads `data.object.id` and `data.object.customer` of an event's payload; null where either is missing or not an id. */
export function eventObjectOf(payload: unknown): EventObject {
  const object = recordAt(recordAt(payload, 'data'), 'object');
  const customer = object?.customer;
  const expandedId = recordAt(object, 'customer')?.id;
  return {
    objectId: typeof object?.id === 'string' ? object.id : null,
    customerId: typeof customer === 'string' ? customer : typeof expandedId === 'string' ? expandedId : null,
  };
}

function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const child = (value as Record<string, unknown>)[key];
  return typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : undefined;
}
