/** What a preview needs to know of a draft's trigger, read defensively: the draft may be half written. */
export interface DraftTrigger {
  type: string | null;
  /** The Stripe event types of an event trigger (one or a list); empty otherwise. */
  eventTypes: string[];
  /** The trigger's condition, if any. */
  when: string | null;
  /** The input field keys of a manual or form trigger. */
  inputKeys: string[];
}

export function draftTrigger(definition: Record<string, unknown>): DraftTrigger {
  const trigger = record(definition.trigger);
  const type = typeof trigger.type === 'string' ? trigger.type : null;
  const event = trigger.event;
  const eventTypes = typeof event === 'string' ? [event] : Array.isArray(event) ? event.filter((item): item is string => typeof item === 'string' && item !== '') : [];
  const fields = Array.isArray(trigger.input) ? trigger.input : Array.isArray(trigger.form) ? trigger.form : [];
  const inputKeys = fields.map((field) => record(field).key).filter((key): key is string => typeof key === 'string');
  return { type, eventTypes: eventTypes.filter((item) => item !== ''), when: typeof trigger.when === 'string' && trigger.when.trim() !== '' ? trigger.when : null, inputKeys };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
