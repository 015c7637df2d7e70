/** The trigger types of the definition format (src/definition/schema.ts), as the trigger form offers them. */
export const TRIGGER_TYPES = [
  { type: 'event', label: 'Stripe event', help: 'A run starts for each Stripe event of a type, when its conditions hold.' },
  { type: 'schedule', label: 'Schedule', help: 'A run starts at each tick of a cron schedule.' },
  { type: 'manual', label: 'Manual', help: 'Someone starts a run from the web app, the API or the CLI, with input fields.' },
  { type: 'form', label: 'Catalog form', help: 'A catalog request starts a run with the fields of its form.' },
  { type: 'webhook', label: 'Webhook', help: 'A signed JSON POST to the workflow\'s URL starts a run.' },
] as const;
export type TriggerKind = (typeof TRIGGER_TYPES)[number]['type'];

/** A new trigger of a type, with the defaults the schema would fill in written out. */
export function newTrigger(type: TriggerKind): Record<string, unknown> {
  switch (type) {
    case 'event':
      return { type, event: '' };
    case 'schedule':
      return { type, cron: '0 9 * * 1', timezone: 'UTC' };
    case 'manual':
      return { type, input: [] };
    case 'form':
      return { type, form: [{ key: 'reason', label: 'Reason', type: 'text', required: true }] };
    case 'webhook':
      return { type };
    default: {
      const unknown: never = type;
      throw new Error(`unknown trigger type ${String(unknown)}`);
    }
  }
}

/** The event types a trigger listens to: `event` is one type or a list. */
export function eventTypesOf(trigger: Record<string, unknown>): string[] {
  const event = trigger.event;
  if (typeof event === 'string') return event === '' ? [] : [event];
  return Array.isArray(event) ? event.filter((type): type is string => typeof type === 'string') : [];
}

/** Back to the definition's form: one type as a string, several as a list. */
export function eventValue(types: readonly string[]): string | string[] {
  return types.length === 1 ? (types[0] ?? '') : types.length === 0 ? '' : [...types];
}
